import type { ShownComment } from '../comments/comment.ts';
import type { CoreDeps } from '../deps.ts';
import type { Post, PostRef } from '../posts/post.ts';

type ReadDeps = Pick<CoreDeps, 'storage' | 'clock'>;

const EPOCH = new Date(0);

const newer = (a: Date, b: Date): Date => (a > b ? a : b);

/** The newest approved comments under public posts not behind a password, newest first, with the post each is under. */
export async function latestPublicComments(
  deps: ReadDeps,
  limit: number,
): Promise<{ comment: ShownComment; post: PostRef }[]> {
  return deps.storage.comments.latestPublic(limit, deps.clock.now());
}

/** A post's approved comments for its comment feed: none for a post behind a password. */
export async function postFeedComments(
  deps: ReadDeps,
  post: Pick<Post, 'id' | 'protected'>,
): Promise<ShownComment[]> {
  return post.protected ? [] : deps.storage.comments.forPost(post.id, []);
}

/** A feed with nothing in it still needs a date that stays put between requests: the site's newest post. */
export async function siteUpdated(deps: ReadDeps): Promise<Date> {
  const [post] = (await deps.storage.posts.list({ limit: 1, offset: 0 }, deps.clock.now())).items;
  return post ? newer(post.updatedAt, post.publishedAt) : EPOCH;
}

/** The date an empty feed of a post's comments carries: the post's own last change. */
export function postUpdated(post: Pick<Post, 'updatedAt' | 'publishedAt'>): Date {
  return newer(post.updatedAt, post.publishedAt);
}
