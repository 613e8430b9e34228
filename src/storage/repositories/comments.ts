import { type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type {
  Comment,
  CommentKind,
  CommentStatus,
  NewComment,
  ShownComment,
} from '../../core/comments/comment.ts';
import type { CommentRepository } from '../../core/ports/storage.ts';
import type { PostType } from '../../core/posts/post.ts';
import { publicAt } from '../../core/reading/visibility.ts';
import { readBool, readCount, readDate, type SqlDialect } from '../dialect.ts';
import { visibleTo } from '../visibility.ts';
import { atomically } from '../errors.ts';
import type { CommentsTable, Database } from '../schema.ts';

function toComment(row: Selectable<CommentsTable>): Comment {
  return {
    ...toShown(row),
    identityId: row.identity_id,
    source: row.source,
    ipHash: row.ip_hash,
    notifyReplies: readBool(row.notify_replies),
    notifyPosts: readBool(row.notify_posts),
    heldReason: row.held_reason,
  };
}

/** What a discussion shows of a comment (ShownComment): not the source, the IP hash, the moderation note. */
const SHOWN_COLUMNS = [
  'comments.id',
  'comments.post_id',
  'comments.parent_id',
  'comments.kind',
  'comments.status',
  'comments.author_name',
  'comments.author_email',
  'comments.author_url',
  'comments.html',
  'comments.created_at',
] as const;

type ShownRow = Pick<
  Selectable<CommentsTable>,
  | 'id'
  | 'post_id'
  | 'parent_id'
  | 'kind'
  | 'status'
  | 'author_name'
  | 'author_email'
  | 'author_url'
  | 'html'
  | 'created_at'
>;

function toShown(row: ShownRow): ShownComment {
  return {
    id: row.id,
    postId: row.post_id,
    parentId: row.parent_id,
    kind: row.kind as CommentKind,
    status: row.status as CommentStatus,
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorUrl: row.author_url,
    html: row.html,
    createdAt: readDate(row.created_at),
  };
}

/** The one mapping of a comment to its columns (the importer's bulk insert uses it too). */
export function toRow(comment: NewComment, d: SqlDialect) {
  return {
    post_id: comment.postId,
    parent_id: comment.parentId,
    kind: comment.kind,
    status: comment.status,
    author_name: comment.authorName,
    author_email: comment.authorEmail,
    author_email_key: emailKey(comment.authorEmail),
    author_url: comment.authorUrl,
    identity_id: comment.identityId,
    source: comment.source,
    html: comment.html,
    ip_hash: comment.ipHash,
    notify_replies: d.bool(comment.notifyReplies),
    notify_posts: d.bool(comment.notifyPosts),
    held_reason: comment.heldReason,
    created_at: d.date(comment.createdAt),
  };
}

/** Case-folded in JavaScript, so "Ә@…" and "ә@…" match in SQLite too (its lower() is ASCII-only). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export function commentRepository(db: Kysely<Database>, d: SqlDialect): CommentRepository {
  return {
    async create(comment) {
      const row = await db
        .insertInto('comments')
        .values(toRow(comment, d))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toComment(row);
    },

    async findById(id) {
      const row = await db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toComment(row);
    },

    async forPost(postId, alsoIds) {
      const rows = await db
        .selectFrom('comments')
        .select(SHOWN_COLUMNS)
        .where('post_id', '=', postId)
        .where((eb) =>
          alsoIds.length === 0
            ? eb('status', '=', 'approved')
            : eb.or([eb('status', '=', 'approved'), eb('id', 'in', alsoIds)]),
        )
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toShown);
    },

    async latestPublic(limit, now) {
      // Walks comments_feed newest first and probes each comment's post by its key: the work stays
      // proportional to `limit` unless many recent comments sit under posts the public cannot see.
      const rows = await db
        .selectFrom('comments')
        .innerJoin('posts', 'posts.id', 'comments.post_id')
        .select(SHOWN_COLUMNS)
        .select([
          'posts.type as post_type',
          'posts.slug as post_slug',
          'posts.title as post_title',
          'posts.published_at as post_published_at',
        ])
        .where('comments.status', '=', 'approved')
        .where('comments.kind', '=', 'comment')
        .where(visibleTo(publicAt(now), d))
        // A protected post's discussion is for those who unlocked it, never in a feed.
        .where('posts.password', '=', '')
        .orderBy('comments.created_at', 'desc')
        .orderBy('comments.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        comment: toShown(row),
        post: {
          id: row.post_id,
          type: row.post_type as PostType,
          slug: row.post_slug,
          title: row.post_title,
          publishedAt: readDate(row.post_published_at),
        },
      }));
    },

    async list(query) {
      let base = db.selectFrom('comments').innerJoin('posts', 'posts.id', 'comments.post_id');
      if (query.statuses !== undefined) {
        base =
          query.statuses.length === 0
            ? base.where(sql<SqlBool>`1 = 0`)
            : base.where('comments.status', 'in', query.statuses);
      }
      if (query.postId !== undefined) base = base.where('comments.post_id', '=', query.postId);
      const [rows, total] = await Promise.all([
        base
          .selectAll('comments')
          .select(['posts.title as post_title', 'posts.slug as post_slug'])
          .orderBy('comments.created_at', 'desc')
          .orderBy('comments.id', 'desc')
          .limit(query.limit)
          .offset(query.offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((row) => ({ ...toComment(row), postTitle: row.post_title, postSlug: row.post_slug })),
        total: readCount(total.n),
      };
    },

    async setStatus(id, status) {
      const result = await db.updateTable('comments').set({ status }).where('id', '=', id).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async setText(id, source, html) {
      const result = await db
        .updateTable('comments')
        .set({ source, html })
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async delete(id) {
      return atomically(db, async (tx) => {
        const doomed = await tx
          .selectFrom('comments')
          .select('parent_id')
          .where('id', '=', id)
          .executeTakeFirst();
        if (!doomed) return false;
        await tx
          .updateTable('comments')
          .set({ parent_id: doomed.parent_id })
          .where('parent_id', '=', id)
          .execute();
        await tx.deleteFrom('comments').where('id', '=', id).execute();
        return true;
      });
    },

    async hasApprovedFromEmail(email) {
      const key = emailKey(email);
      if (key === '') return false;
      const row = await db
        .selectFrom('comments')
        .select('id')
        .where('author_email_key', '=', key)
        .where('status', '=', 'approved')
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async findRepeat(repeat) {
      const key = emailKey(repeat.email);
      if (key === '' && repeat.ipHash === '') return undefined;
      const row = await db
        .selectFrom('comments')
        .select('id')
        .where('post_id', '=', repeat.postId)
        .where('created_at', '>=', d.date(repeat.since))
        .where('status', '!=', 'trash')
        .where('source', '=', repeat.source)
        .where((eb) =>
          eb.or([
            ...(key === '' ? [] : [eb('author_email_key', '=', key)]),
            ...(repeat.ipHash === '' ? [] : [eb('ip_hash', '=', repeat.ipHash)]),
          ]),
        )
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      return row?.id;
    },

    async lockDiscussion(postId) {
      // Two keys: a namespace (the bytes of "cmnt") and the post, apart from other advisory locks.
      if (d.name === 'postgres')
        await sql`select pg_advisory_xact_lock(${0x636d6e74}, ${postId})`.execute(db);
    },

    async count() {
      const row = await db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return readCount(row.n);
    },

    async allAfter(after, lastPostId, limit) {
      // A row-value comparison, which both databases answer from the post_id index, sorting by id
      // only within each post; the upper bound leaves out posts written after the export began.
      const rows = await db
        .selectFrom('comments')
        .selectAll()
        .where((eb) => eb(eb.refTuple('post_id', 'id'), '>', eb.tuple(after.postId, after.id)))
        .where('post_id', '<=', lastPostId)
        .orderBy('post_id')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toComment);
    },
  };
}
