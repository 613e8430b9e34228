import type { CoreDeps } from '../deps.ts';
import { postEvent, postState } from '../events/events.ts';
import { err, ok, type Result } from '../result.ts';
import { statusAt, type Post, type PostStatus } from './post.ts';

export type PostStatusError = { type: 'post-not-found'; id: number };

/**
 * Moves a post or page to another status (publish a draft, take a post back to draft, trash it),
 * with the event that says what readers gain or lose: `post.published`, `post.unpublished`, or
 * `post.updated` when it stays on the same side.
 */
export async function changePostStatus(
  deps: Pick<CoreDeps, 'storage' | 'clock'>,
  id: number,
  status: PostStatus,
): Promise<Result<Post, PostStatusError>> {
  const now = deps.clock.now();
  const post = await deps.storage.transaction(async (tx) => {
    const existing = await tx.posts.findById(id);
    if (!existing) return undefined;
    const stored = statusAt(status, existing.publishedAt, now);
    if (existing.status === stored) return existing;
    const terms = (await tx.posts.termsOf([id])).get(id) ?? [];
    const { id: _id, createdAt: _created, updatedAt: _updated, ...fields } = existing;
    const updated = await tx.posts.update(id, { ...fields, status: stored });
    await tx.outbox.add(postEvent(id, postState(existing, terms, now), postState(updated, terms, now)));
    return updated;
  });
  return post ? ok(post) : err({ type: 'post-not-found', id });
}

/** Deletes a post or page for good, with its discussion; the event keeps what readers lose. */
export async function deletePost(
  deps: Pick<CoreDeps, 'storage' | 'clock'>,
  id: number,
): Promise<Result<{ id: number }, PostStatusError>> {
  const now = deps.clock.now();
  const deleted = await deps.storage.transaction(async (tx) => {
    const existing = await tx.posts.findById(id);
    if (!existing) return false;
    const before = postState(existing, (await tx.posts.termsOf([id])).get(id) ?? [], now);
    await tx.posts.delete(id);
    await tx.outbox.add({ type: 'post.deleted', postId: id, before });
    return true;
  });
  return deleted ? ok({ id }) : err({ type: 'post-not-found', id });
}
