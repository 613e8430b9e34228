export const POST_TYPES = ['post', 'page'] as const;
export type PostType = (typeof POST_TYPES)[number];

export const POST_STATUSES = ['draft', 'published', 'scheduled', 'private', 'trash'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/**
 * The status a post is stored with, given its date: a post "published" with a date still to come is
 * scheduled (the worker publishes it on time, with its event), and a scheduled post whose date has
 * passed is published now, as WordPress does. So the clock alone never makes a post public: every
 * post readers gain comes with a `post.published` event the page cache and federation can act on.
 */
export function statusAt(status: PostStatus, publishedAt: Date, now: Date): PostStatus {
  if (status === 'published' && publishedAt > now) return 'scheduled';
  if (status === 'scheduled' && publishedAt <= now) return 'published';
  return status;
}

/** What `source` is written in: Markdown from a writer, or HTML brought in from WordPress. */
export const POST_FORMATS = ['markdown', 'html'] as const;
export type PostFormat = (typeof POST_FORMATS)[number];

export const COMMENT_STATUSES_FOR_POST = ['open', 'closed'] as const;
export type PostCommentStatus = (typeof COMMENT_STATUSES_FOR_POST)[number];

/** The featured image as a reader sees it: the stored file plus the words the writer put under it. */
export interface FeaturedImage {
  mediaId: number;
  alt: string;
  caption: string;
  credit: string;
}

export interface Post {
  id: number;
  type: PostType;
  status: PostStatus;
  slug: string;
  title: string;
  /** What the writer wrote (in `format`); `html` is derived from it when the post is saved. */
  source: string;
  format: PostFormat;
  html: string;
  excerpt: string;
  authorId: number;
  image: FeaturedImage | null;
  commentStatus: PostCommentStatus;
  sticky: boolean;
  publishedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  /**
   * What feed readers know the post by when it is not this site's own id: an imported post's
   * WordPress guid, so that subscribers who moved with the blog see no item twice. '' for none.
   */
  guid: string;
  /**
   * Readable by anyone who has its password (WordPress's password-protected posts). The password
   * itself is never on a Post: only `posts.passwordOf` reads it.
   */
  protected: boolean;
}

/** A post as readers are shown it: the Markdown source stays in the database. */
export type ShownPost = Omit<Post, 'source'>;

/** `format` may be left out: posts are Markdown unless they say otherwise. */
/** Enough of a post to link to it: title, date and what its URL is made of. */
export type PostRef = Pick<Post, 'id' | 'type' | 'slug' | 'title' | 'publishedAt'>;

export type NewPost = Omit<Post, 'id' | 'createdAt' | 'updatedAt' | 'format' | 'guid' | 'protected'> & {
  format?: PostFormat;
  /** Left out: '' for a new post, unchanged on an update. */
  guid?: string;
  password?: string;
};

/**
 * What a listing needs of a post, with the counts a reader sees next to it. Listings never read the
 * Markdown source: it is as large as the text and nothing on a listing shows it.
 */
export interface PostSummary extends Omit<Post, 'source'> {
  commentCount: number;
}

export interface PostQuery {
  type?: PostType;
  /** Defaults to published posts only, whose published date has come. */
  statuses?: PostStatus[];
  tag?: string;
  category?: string;
  authorId?: number;
  /** Inclusive lower and exclusive upper bound on publishedAt, for date archives. */
  from?: Date;
  until?: Date;
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}
