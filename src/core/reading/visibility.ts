import type { Post, PostStatus } from '../posts/post.ts';

/**
 * What the public may see, as data: posts in one of these statuses whose date has come (a later date
 * is WordPress's "scheduled"). It is the one definition of the rule; storage turns it into a WHERE
 * clause (src/storage/visibility.ts) for every listing, search and sitemap, and `isPublic` applies
 * it to a post already in hand, so the two can never disagree.
 */
export interface Visibility {
  statuses: readonly PostStatus[];
  /** Inclusive: a post dated exactly now is public. */
  publishedBefore: Date;
}

const PUBLIC_STATUSES: readonly PostStatus[] = ['published'];

/** The public's view at `now`. */
export function publicAt(now: Date): Visibility {
  return { statuses: PUBLIC_STATUSES, publishedBefore: now };
}

/** Whether a post falls within a visibility. */
export function isVisible(post: Pick<Post, 'status' | 'publishedAt'>, visibility: Visibility): boolean {
  return visibility.statuses.includes(post.status) && post.publishedAt <= visibility.publishedBefore;
}

/** Whether the public may see this post at `now`. */
export function isPublic(post: Pick<Post, 'status' | 'publishedAt'>, now: Date): boolean {
  return isVisible(post, publicAt(now));
}

/**
 * What the public sees of a post behind a password (WordPress's password-protected posts) until a
 * reader unlocks it: its title, date, author and terms, never a word of its text, its excerpt or
 * its photo. Every listing, feed and search result goes through here; a post not protected is
 * given back as it is.
 */
export function withoutProtectedText<P extends Pick<Post, 'protected' | 'html' | 'excerpt' | 'image'>>(
  post: P,
): P {
  if (!post.protected) return post;
  const bare = { ...post, html: '', excerpt: '', image: null };
  if ('source' in bare) bare.source = '';
  return bare;
}
