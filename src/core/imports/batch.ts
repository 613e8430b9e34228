import type { NewComment } from '../comments/comment.ts';
import type { ImportBatchEvent } from '../events/events.ts';
import type { ImportedComment, ImportRecord, Repositories, Storage } from '../ports/storage.ts';
import type { NewPost } from '../posts/post.ts';
import type { NewMedia } from '../site/media.ts';
import type { NewTerm } from '../site/terms.ts';
import type { NewUser } from '../users/user.ts';

/**
 * Writing what an import brings in. An importer (WordPress today) reads and converts on its own;
 * every row it writes goes through these use cases, in one transaction per batch together with the
 * import records that let a second run skip what is there, and with ONE event per batch: an import
 * of half a million comments must not queue half a million messages, and sends no mail.
 */

/** A comment under a post of the same batch; its parent is stored already or comes earlier in the list. */
export interface BatchComment {
  sourceId: string;
  comment: Omit<NewComment, 'postId' | 'parentId'>;
  parent: { id: number } | { index: number } | null;
}

/** A post or page with what is written beside it. Its slug is free (the importer planned it). */
export interface BatchPost {
  sourceId: string;
  post: NewPost;
  termIds: number[];
  /** Old paths that lead to it. */
  aliases: string[];
  comments: BatchComment[];
}

export interface ImportBatch {
  source: string;
  posts: BatchPost[];
  /** Comments added to posts an earlier run imported (by local post id). */
  comments: { postId: number; comments: BatchComment[] }[];
}

/**
 * The one event of a batch. Visible when it wrote a published post or an approved comment: anything
 * else (drafts, held comments, authors and terms not yet shown on a public post) changes no page.
 */
async function emit(
  tx: Repositories,
  source: string,
  part: Partial<Pick<ImportBatchEvent, 'postIds' | 'commentedPostIds' | 'visible'>>,
): Promise<void> {
  await tx.outbox.add({
    type: 'import.batch',
    source,
    postIds: [],
    commentedPostIds: [],
    visible: false,
    ...part,
  });
}

/** Posts, their terms, old paths and comments, and every import record, in one transaction. */
export async function writeImportBatch(
  storage: Storage,
  batch: ImportBatch,
): Promise<{ postIds: number[]; commentIds: number[] }> {
  if (batch.posts.length === 0 && batch.comments.length === 0) return { postIds: [], commentIds: [] };
  return storage.transaction(async (tx) => {
    const postIds = await tx.imports.addPosts(batch.posts);
    await tx.imports.addAliases(
      batch.posts.flatMap((p, i) => p.aliases.map((path) => ({ path, postId: postIds[i]! }))),
    );

    const comments: ImportedComment[] = [];
    const sourceIds: string[] = [];
    const under = (postId: number, list: BatchComment[]) => {
      const base = comments.length;
      for (const c of list) {
        const parent = c.parent && 'index' in c.parent ? { index: base + c.parent.index } : c.parent;
        comments.push({ ...c.comment, postId, parent });
        sourceIds.push(c.sourceId);
      }
    };
    batch.posts.forEach((p, i) => under(postIds[i]!, p.comments));
    for (const late of batch.comments) under(late.postId, late.comments);
    const commentIds = await tx.imports.addComments(comments);

    const records: ImportRecord[] = batch.posts.map((p, i) => ({
      kind: 'post',
      sourceId: p.sourceId,
      localId: postIds[i]!,
    }));
    commentIds.forEach((localId, i) => records.push({ kind: 'comment', sourceId: sourceIds[i]!, localId }));
    await tx.imports.record(batch.source, records);
    await emit(tx, batch.source, {
      postIds,
      commentedPostIds: batch.comments.filter((c) => c.comments.length > 0).map((c) => c.postId),
      visible:
        batch.posts.some((p) => p.post.status === 'published') ||
        comments.some((c) => c.status === 'approved'),
    });
    return { postIds, commentIds };
  });
}

/** An author: a user of this site already (matched by login or email), or one to create. */
export type ImportedAuthor = { login: string } & ({ userId: number } | { user: NewUser });

/** A tag or category; a category's parent is one stored already or an earlier one of the same call. */
export interface ImportedTerm {
  sourceId: string;
  term: Omit<NewTerm, 'parentId'>;
  parent: { id: number } | { index: number } | null;
}

/**
 * Authors and terms, before the posts that name them, in one transaction: user ids by position,
 * then term ids by position (a term that exists by taxonomy and slug is reused).
 */
export async function writeImportedPeople(
  storage: Storage,
  source: string,
  authors: ImportedAuthor[],
  terms: ImportedTerm[],
): Promise<{ userIds: number[]; termIds: number[] }> {
  if (authors.length === 0 && terms.length === 0) return { userIds: [], termIds: [] };
  return storage.transaction(async (tx) => {
    const userIds: number[] = [];
    for (const author of authors)
      userIds.push('userId' in author ? author.userId : (await tx.users.create(author.user)).id);
    const termIds: number[] = [];
    for (const t of terms) {
      const parentId = t.parent === null ? null : 'id' in t.parent ? t.parent.id : termIds[t.parent.index]!;
      termIds.push((await tx.terms.ensure({ ...t.term, parentId })).id);
    }
    await tx.imports.record(source, [
      ...authors.map((a, i) => ({ kind: 'author' as const, sourceId: a.login, localId: userIds[i]! })),
      ...terms.map((t, i) => ({ kind: 'term' as const, sourceId: t.sourceId, localId: termIds[i]! })),
    ]);
    await emit(tx, source, {});
    return { userIds, termIds };
  });
}

/**
 * A stored file's media record with its import record. Files are stored before the row: a run
 * killed between the two finds the file's record by path here.
 */
export async function writeImportedMedia(
  storage: Storage,
  source: string,
  sourceId: string,
  stored: NewMedia,
): Promise<number> {
  return storage.transaction(async (tx) => {
    const media = (await tx.media.findByPath(stored.path)) ?? (await tx.media.create(stored));
    await tx.imports.record(source, [{ kind: 'media', sourceId, localId: media.id }]);
    await emit(tx, source, {});
    return media.id;
  });
}
