import type { CoreDeps } from '../deps.ts';
import { parseId } from '../input.ts';
import { err, ok, type Result } from '../result.ts';
import { isPublic } from '../reading/visibility.ts';
import type { Post } from './post.ts';

/** Tries one reader (by IP hash) may make at post passwords in a window: a person mistypes, a script guesses. */
const UNLOCK_TRIES = 10;
const UNLOCK_WINDOW_SECONDS = 600;

export type UnlockError =
  { type: 'post-not-found' } | { type: 'wrong-password' } | { type: 'rate-limited'; retryAfter: number };

export interface UnlockRequest {
  /** The form's `post_id`, as sent. */
  postId: string;
  password: string;
  /** The reader's keyed IP hash, the key of the rate limit. */
  ipHash: string;
}

/**
 * Equal strings, compared in time that depends on their lengths only, never on where they first
 * differ: a guesser learns nothing from how long a wrong password took to refuse.
 */
export function sameSecret(given: string, stored: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(stored);
  const length = Math.max(a.length, b.length, 1);
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/**
 * A reader's password for a protected post (WordPress's post password form). On success the caller
 * remembers the unlock for that reader (a signed cookie) and the stored password it was checked
 * against, so that changing the password locks everyone out again.
 */
export async function unlockPost(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'rateLimiter'>,
  request: UnlockRequest,
): Promise<Result<{ post: Post; password: string }, UnlockError>> {
  const now = deps.clock.now();
  const id = parseId(request.postId);
  const post = id === undefined ? undefined : await deps.storage.posts.findById(id);
  if (!post || !isPublic(post, now) || !post.protected) return err({ type: 'post-not-found' });
  const limit = await deps.rateLimiter.hit(
    `unlock:${request.ipHash}`,
    UNLOCK_TRIES,
    UNLOCK_WINDOW_SECONDS,
    now,
  );
  if (!limit.allowed) return err({ type: 'rate-limited', retryAfter: limit.retryAfter });
  const stored = (await deps.storage.posts.passwordOf(post.id)) ?? '';
  if (stored === '' || !sameSecret(request.password, stored)) return err({ type: 'wrong-password' });
  return ok({ post, password: stored });
}

/** The stored password of a protected post a reader's cookie claims to have unlocked, for checking it. */
export async function passwordToCheck(
  deps: Pick<CoreDeps, 'storage'>,
  post: Pick<Post, 'id' | 'protected'>,
): Promise<string> {
  return post.protected ? ((await deps.storage.posts.passwordOf(post.id)) ?? '') : '';
}

/**
 * For staff (`samizdat post password SLUG`): a post's password, to share it with the readers who
 * should have it, as WordPress's editor shows it. '' when the post is not protected.
 */
export async function postPassword(
  deps: Pick<CoreDeps, 'storage'>,
  slug: string,
): Promise<Result<{ post: Post; password: string }, { type: 'post-not-found' }>> {
  const post = await deps.storage.posts.findBySlug(slug);
  if (!post) return err({ type: 'post-not-found' });
  return ok({ post, password: await passwordToCheck(deps, post) });
}
