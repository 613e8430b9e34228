import { loadSettings, type CoreDeps } from '../deps.ts';
import { postEvent, postState } from '../events/events.ts';
import type { ImageLibrary } from '../ports/images.ts';
import { ConflictError, type Repositories } from '../ports/storage.ts';
import { err, ok, type Result } from '../result.ts';
import { addMedia } from '../site/media.ts';
import { textStyle } from '../site/settings.ts';
import { ensureTerm } from '../site/terms.ts';
import type { User } from '../users/user.ts';
import { slugify } from './slug.ts';
import { statusAt, type Post } from './post.ts';
import type { PostDraft } from './post-file.ts';

export type PublishError =
  | { type: 'unknown-author'; login: string }
  | { type: 'author-required'; candidates: string[] }
  | { type: 'slug-taken'; slug: string };

export interface PublishOutcome {
  post: Post;
  created: boolean;
}

/**
 * Creates the post, or updates the one with the same slug: publishing a file again is how a writer
 * corrects it. The image is stored first; the post, its terms and its event are written together.
 */
export async function publishPost(
  deps: CoreDeps & { images: ImageLibrary },
  draft: PostDraft,
  imageBytes: Uint8Array | null,
): Promise<Result<PublishOutcome, PublishError>> {
  const author = await resolveAuthor(deps, draft.author);
  if (!author.ok) return author;

  const now = deps.clock.now();
  const style = textStyle(await loadSettings(deps));
  const media =
    draft.image && imageBytes
      ? await addMedia(deps, await deps.images.store(imageBytes, draft.image.file, now))
      : null;

  try {
    const outcome = await deps.storage.transaction(async (tx) => {
      const existing = await tx.posts.findBySlug(draft.slug);
      const publishedAt = draft.date ?? existing?.publishedAt ?? now;
      const fields = {
        type: draft.type,
        status: statusAt(draft.status, publishedAt, now),
        slug: draft.slug,
        title: draft.title,
        source: draft.body,
        format: 'markdown' as const,
        html: deps.formatter.post(draft.body, style),
        excerpt: draft.excerpt,
        authorId: author.value.id,
        image:
          media && draft.image
            ? {
                mediaId: media.id,
                alt: draft.image.alt,
                caption: draft.image.caption,
                credit: draft.image.credit,
              }
            : draft.image
              ? (existing?.image ?? null)
              : null,
        commentStatus: draft.commentStatus,
        sticky: draft.sticky,
        publishedAt,
      };
      const before = existing
        ? postState(existing, (await tx.posts.termsOf([existing.id])).get(existing.id) ?? [], now)
        : undefined;
      const post = existing ? await tx.posts.update(existing.id, fields) : await tx.posts.create(fields);
      await tx.posts.setTerms(post.id, await ensureTerms(tx, draft));
      const after = postState(post, (await tx.posts.termsOf([post.id])).get(post.id) ?? [], now);
      await tx.outbox.add(postEvent(post.id, before, after));
      return { post, created: !existing };
    });
    return ok(outcome);
  } catch (error) {
    if (error instanceof ConflictError) return err({ type: 'slug-taken', slug: draft.slug });
    throw error;
  }
}

async function resolveAuthor(
  deps: Pick<CoreDeps, 'storage'>,
  login: string | null,
): Promise<Result<User, PublishError>> {
  if (login) {
    const user =
      (await deps.storage.users.findByLogin(login)) ?? (await deps.storage.users.findByEmail(login));
    return user ? ok(user) : err({ type: 'unknown-author', login });
  }
  const users = await deps.storage.users.list();
  const owner = users.find((u) => u.role === 'owner');
  if (owner) return ok(owner);
  if (users.length === 1) return ok(users[0]!);
  return err({ type: 'author-required', candidates: users.map((u) => u.login) });
}

async function ensureTerms(tx: Repositories, draft: PostDraft): Promise<number[]> {
  const ids = new Set<number>();
  for (const name of draft.tags) {
    ids.add(
      (await ensureTerm(tx, { taxonomy: 'tag', slug: slugify(name), name, parentId: null, description: '' }))
        .id,
    );
  }
  for (const path of draft.categories) {
    let parentId: number | null = null;
    for (const name of path) {
      const term = await ensureTerm(tx, {
        taxonomy: 'category',
        slug: slugify(name),
        name,
        parentId,
        description: '',
      });
      parentId = term.id;
    }
    if (parentId !== null) ids.add(parentId);
  }
  return [...ids];
}
