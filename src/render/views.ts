import type { CommentFieldError, ShownComment } from '../core/comments/comment.ts';
import type { PostRef, PostSummary, ShownPost } from '../core/posts/post.ts';
import type { Media } from '../core/site/media.ts';
import type { SiteSettings } from '../core/site/settings.ts';
import type { Term } from '../core/site/terms.ts';
import type { User } from '../core/users/user.ts';

/**
 * View data handed from http/ to render/. Everything here is already decided (which comments, which
 * page); render/ only turns it into HTML. URLs are site-relative paths unless named `absolute…`.
 */
export interface SiteView {
  settings: SiteSettings;
  /** Public base URL without a trailing slash, e.g. https://example.org */
  baseUrl: string;
}

/** A link to another post: its title, date and URL. */
export interface RefLink {
  post: PostRef;
  url: string;
}

export interface PostLink {
  post: PostSummary | ShownPost;
  url: string;
  author: User | undefined;
  image: Media | undefined;
  terms: Term[];
}

/** A comment placed in its thread. `children` is empty past the configured depth (replies flatten there). */
export interface CommentNode {
  comment: ShownComment;
  depth: number;
  children: CommentNode[];
  /** Shown to its own author only, marked "awaiting moderation". */
  held: boolean;
  /** Whether a Reply link is offered (false at the maximum depth). */
  canReply: boolean;
  /** Keyed hash of the author's email (or name), for the generated avatar; never the email itself. */
  avatarSeed: string;
}

export type CommentField = 'comment' | 'author' | 'email' | 'url' | 'parent' | 'form';

/** What the reader typed and what was wrong with it, so a rejected form comes back whole. */
export interface CommentFormState {
  values: {
    comment: string;
    author: string;
    email: string;
    url: string;
    notifyReplies: boolean;
    notifyPosts: boolean;
  };
  /** What was wrong, per field; render/ words it in the site's language. */
  errors: Partial<Record<CommentField, CommentFieldError>>;
  /** Seconds to wait, when the reader hit the rate limit. */
  retryAfter?: number;
  /** The link to the same comment the reader already posted (`/slug/#comment-ID`), when it was a repeat. */
  duplicateOf?: string;
}

export interface CommentFormView {
  postId: number;
  /** `/comments` */
  action: string;
  /** Signed token carrying the time the form was served (minimum fill time). */
  token: string;
  /** The comment being replied to (from `?replytocom=ID`), or null for a top-level comment. */
  replyTo: { id: number; authorName: string } | null;
  open: boolean;
  state: CommentFormState | null;
}

export interface PostPageView {
  site: SiteView;
  post: PostLink;
  /** Threaded, in order. Includes the reader's own held comments, flagged `held`. */
  thread: CommentNode[];
  /** Approved comments only (what every reader sees). */
  commentCount: number;
  form: CommentFormView;
  /** Canonical path of the post. */
  path: string;
  /** The posts published just before and after this one, linked under it when given. */
  previous?: RefLink;
  next?: RefLink;
  /** Posts sharing tags with this one, most shared first. */
  related?: RefLink[];
  /**
   * A protected post this reader has not unlocked: its password form stands for its text and its
   * discussion, with why the last password was refused, if it was.
   */
  locked?: { postId: number; action: string; error: 'wrong-password' | 'rate-limited' | undefined };
}

export interface ListPageView {
  site: SiteView;
  kind: 'home' | 'tag' | 'category' | 'author' | 'date';
  /** Heading for archives: the tag or category name, the author's name, or a formatted date. */
  heading: string;
  /** Optional text under the heading: a term's description or an author's bio. */
  description: string;
  posts: PostLink[];
  page: number;
  totalPages: number;
  /** Path of page 1 of this listing, e.g. `/` or `/tag/x/`; page N is `${basePath}page/N/`. */
  basePath: string;
}

export interface NotFoundView {
  site: SiteView;
  path: string;
  recent: PostLink[];
}
