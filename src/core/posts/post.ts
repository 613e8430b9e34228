export const POST_TYPES = ['post', 'page'] as const;
export type PostType = (typeof POST_TYPES)[number];

export const POST_STATUSES = ['draft', 'published', 'scheduled', 'private', 'trash'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

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
  /** Markdown as the writer wrote it; `html` is derived from it when the post is saved. */
  source: string;
  html: string;
  excerpt: string;
  authorId: number;
  image: FeaturedImage | null;
  commentStatus: PostCommentStatus;
  sticky: boolean;
  publishedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export type NewPost = Omit<Post, 'id' | 'createdAt' | 'updatedAt'>;

/** What a listing needs of a post, with the counts a reader sees next to it. */
export interface PostSummary extends Post {
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
