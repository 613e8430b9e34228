import type { Comment } from '../comments/comment.ts';
import type { CoreDeps } from '../deps.ts';
import type { Post } from '../posts/post.ts';
import { isPublic } from './visibility.ts';

type ReadDeps = Pick<CoreDeps, 'storage' | 'clock'>;

/** Site-wide comments are read in batches, skipping those under posts readers cannot see. */
const COMMENT_BATCH = 50;
const COMMENT_BATCHES = 10;
const EPOCH = new Date(0);

const newer = (a: Date, b: Date): Date => (a > b ? a : b);

/** The newest approved comments under public posts not behind a password, newest first, with the post each is under. */
export async function latestPublicComments(
  deps: ReadDeps,
  limit: number,
): Promise<{ comment: Comment; post: Post }[]> {
  const { storage, clock } = deps;
  const posts = new Map<number, Post | undefined>();
  const entries: { comment: Comment; post: Post }[] = [];
  for (let batch = 0; batch < COMMENT_BATCHES && entries.length < limit; batch++) {
    const page = await storage.comments.list({
      statuses: ['approved'],
      limit: COMMENT_BATCH,
      offset: batch * COMMENT_BATCH,
    });
    for (const comment of page.items) {
      if (!posts.has(comment.postId)) posts.set(comment.postId, await storage.posts.findById(comment.postId));
      const post = posts.get(comment.postId);
      // A protected post's discussion is for those who unlocked it, never in a feed.
      if (!post || !isPublic(post, clock.now()) || post.protected || entries.length >= limit) continue;
      entries.push({ comment, post });
    }
    if (page.items.length < COMMENT_BATCH) break;
  }
  return entries;
}

/** A post's approved comments for its comment feed: none for a post behind a password. */
export async function postFeedComments(deps: ReadDeps, post: Post): Promise<Comment[]> {
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
