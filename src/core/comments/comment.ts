export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const COMMENT_KINDS = ['comment', 'pingback', 'trackback'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

export interface Comment {
  id: number;
  postId: number;
  parentId: number | null;
  kind: CommentKind;
  status: CommentStatus;
  authorName: string;
  /** Never shown to readers; used for moderation history and, later, notifications. */
  authorEmail: string;
  authorUrl: string;
  /** A signed-in reader's identity (a later issue); null for guests. */
  identityId: number | null;
  source: string;
  html: string;
  /** HMAC of the client IP with the site secret; the IP itself is never stored. */
  ipHash: string;
  notifyReplies: boolean;
  notifyPosts: boolean;
  /** Why the moderation rules held it, for the moderator ("2 links", "blocked word: …"). */
  heldReason: string;
  createdAt: Date;
}

export type NewComment = Omit<Comment, 'id'>;

/**
 * A comment as a discussion shows it. Its Markdown source, the IP hash and the moderation note stay
 * in the database; the email stays on the server too, read only to draw the avatar from a keyed hash.
 */
export type ShownComment = Pick<
  Comment,
  | 'id'
  | 'postId'
  | 'parentId'
  | 'kind'
  | 'status'
  | 'authorName'
  | 'authorEmail'
  | 'authorUrl'
  | 'html'
  | 'createdAt'
>;

export interface CommentQuery {
  statuses?: CommentStatus[];
  postId?: number;
  limit: number;
  offset: number;
}

/** Why a field of the comment form was refused; render/ turns each into a sentence in the reader's language. */
export type CommentFieldError =
  | 'required'
  | 'too-long'
  | 'invalid'
  | 'credentials'
  | 'closed'
  | 'not-found'
  | 'too-fast'
  | 'expired'
  | 'rate-limited'
  | 'duplicate'
  /** The transport stopped reading a form larger than any comment it can take. */
  | 'too-large';
