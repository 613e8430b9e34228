import type { CommentStatus } from '../comments/comment.ts';
import type { Post, PostCommentStatus, PostStatus, PostType } from '../posts/post.ts';
import { isPublic } from '../reading/visibility.ts';
import type { Term } from '../site/terms.ts';
import type { Role } from '../users/user.ts';

/**
 * What a consumer of a post event needs to know of the post at one moment: where it lives, whether
 * readers could see it, and which listings it sat in. Ids, never bodies. Dates are ISO strings so an
 * event is plain JSON, stored and read back unchanged.
 */
export interface PostState {
  type: PostType;
  status: PostStatus;
  /** Whether readers could see it at that moment (published and its date had come). */
  visible: boolean;
  slug: string;
  title: string;
  publishedAt: string;
  authorId: number;
  tagIds: number[];
  categoryIds: number[];
  commentStatus: PostCommentStatus;
  sticky: boolean;
}

/** A post as the events describe it; `terms` are the post's tags and categories. */
export function postState(post: Post, terms: readonly Term[], now: Date): PostState {
  return {
    type: post.type,
    status: post.status,
    visible: isPublic(post, now),
    slug: post.slug,
    title: post.title,
    publishedAt: post.publishedAt.toISOString(),
    authorId: post.authorId,
    tagIds: terms.filter((t) => t.taxonomy === 'tag').map((t) => t.id),
    categoryIds: terms.filter((t) => t.taxonomy === 'category').map((t) => t.id),
    commentStatus: post.commentStatus,
    sticky: post.sticky,
  };
}

/**
 * A change to a post or page. `before` is absent when it was created, `after` when it was deleted.
 * Which of the post events it is says why it moved; `affects.ts` reads the states, not the name.
 */
export type PostEvent =
  /** Written for the first time (any status: a draft, a scheduled post, or straight to the public). */
  | { type: 'post.created'; postId: number; after: PostState }
  /** Changed without crossing the public line (a draft edited, a public post corrected). */
  | { type: 'post.updated'; postId: number; before: PostState; after: PostState }
  /** Became visible to readers: published by hand, or its scheduled date came (the scheduler). */
  | { type: 'post.published'; postId: number; before: PostState; after: PostState }
  /** Stopped being visible: back to draft, private, trash, or moved to a future date. */
  | { type: 'post.unpublished'; postId: number; before: PostState; after: PostState }
  | { type: 'post.deleted'; postId: number; before: PostState };

/** The post event for a post that went from `before` (absent: it is new) to `after`. */
export function postEvent(postId: number, before: PostState | undefined, after: PostState): PostEvent {
  if (!before) return { type: 'post.created', postId, after };
  const type =
    !before.visible && after.visible
      ? 'post.published'
      : before.visible && !after.visible
        ? 'post.unpublished'
        : 'post.updated';
  return { type, postId, before, after };
}

/** A comment at one moment, as far as readers are concerned. */
export interface CommentFacts {
  commentId: number;
  postId: number;
  parentId: number | null;
}

export type CommentEvent =
  | (CommentFacts & { type: 'comment.created'; status: CommentStatus })
  /** A moderator's decision moved it from one status to another; approve/unapprove/spam/trash/restore. */
  | (CommentFacts & {
      type:
        | 'comment.approved'
        | 'comment.unapproved'
        | 'comment.spammed'
        | 'comment.trashed'
        | 'comment.restored';
      from: CommentStatus;
      to: CommentStatus;
    })
  /** Its text changed; `status` says whether readers see it. */
  | (CommentFacts & { type: 'comment.edited'; status: CommentStatus })
  /** Deleted for good; its replies moved up to its parent. */
  | (CommentFacts & { type: 'comment.deleted'; from: CommentStatus });

/** The event a moderation move from one status to another is. */
export function commentMove(
  from: CommentStatus,
  to: CommentStatus,
): Extract<CommentEvent, { from: CommentStatus; to: CommentStatus }>['type'] {
  if (to === 'approved') return from === 'trash' || from === 'spam' ? 'comment.restored' : 'comment.approved';
  if (to === 'spam') return 'comment.spammed';
  if (to === 'trash') return 'comment.trashed';
  return from === 'trash' || from === 'spam' ? 'comment.restored' : 'comment.unapproved';
}

/**
 * The clock closed a post's discussion (comments close after N days): the scheduler writes it, so the
 * form disappearing from a cached page has an event like every other change.
 */
export interface CommentsClosedEvent {
  type: 'comments.closed';
  postId: number;
  /** Whether readers can see the post (only then does a page change). */
  visible: boolean;
}

export interface SettingsChangedEvent {
  type: 'settings.changed';
  /** The keys whose value changed; values stay out (some settings are secrets). */
  keys: string[];
}

export type UserEvent =
  | { type: 'user.created'; userId: number; login: string; role: Role }
  /** A user's public face (name, bio, login) or role changed. */
  | { type: 'user.changed'; userId: number; keys: string[] };

/** A tag or category was created, renamed or moved; old and new slug so both URLs can be forgotten. */
export interface TermChangedEvent {
  type: 'term.changed';
  termId: number;
  taxonomy: 'tag' | 'category';
  before: { slug: string; name: string } | null;
  after: { slug: string; name: string };
}

export interface MediaCreatedEvent {
  type: 'media.created';
  mediaId: number;
}

/** An empty site got its welcome post, its author, its terms and its sample comment. */
export interface SiteWelcomedEvent {
  type: 'site.welcomed';
  postId: number;
  commentId: number;
  userId: number;
}

/**
 * One batch of an import: the posts it wrote or changed, and the posts whose comments it added. An
 * import writes one of these per transaction instead of an event per row, and nothing in it sends
 * mail (no `comment.created` for imported comments).
 */
export interface ImportBatchEvent {
  type: 'import.batch';
  /** The source the rows came from (a WordPress site's base URL, a Ghost export). */
  source: string;
  /** Posts and pages written by this batch, whatever their status. */
  postIds: number[];
  /** Posts that received imported comments in this batch (may overlap `postIds`). */
  commentedPostIds: number[];
  /** Whether anything written is visible to readers (a batch of drafts changes nothing public). */
  visible: boolean;
}

/** Every event the core writes to the outbox, in the same transaction as the change it reports. */
export type SiteEvent =
  | PostEvent
  | CommentEvent
  | CommentsClosedEvent
  | SettingsChangedEvent
  | UserEvent
  | TermChangedEvent
  | MediaCreatedEvent
  | SiteWelcomedEvent
  | ImportBatchEvent;

export type SiteEventType = SiteEvent['type'];

/** Every event type, for a consumer that checks a stored row and for tests that must cover them all. */
export const SITE_EVENT_TYPES = [
  'post.created',
  'post.updated',
  'post.published',
  'post.unpublished',
  'post.deleted',
  'comment.created',
  'comment.approved',
  'comment.unapproved',
  'comment.spammed',
  'comment.trashed',
  'comment.restored',
  'comment.edited',
  'comment.deleted',
  'comments.closed',
  'settings.changed',
  'user.created',
  'user.changed',
  'term.changed',
  'media.created',
  'site.welcomed',
  'import.batch',
] as const satisfies readonly SiteEventType[];

// A compile-time check that the list names every event type.
type Missing = Exclude<SiteEventType, (typeof SITE_EVENT_TYPES)[number]>;
const _allListed: [Missing] extends [never] ? true : never = true;

export function isSiteEventType(value: string): value is SiteEventType {
  return (SITE_EVENT_TYPES as readonly string[]).includes(value);
}
