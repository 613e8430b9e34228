import type { CommentStatus } from '../comments/comment.ts';
import type { CommentEvent, PostState, SiteEvent } from './events.ts';
import { resourceKey, type Resource } from './resources.ts';

/**
 * The public resources an event makes stale. Pure: it reads only the event. Only what readers could
 * see counts: a draft edited, a comment held or a user added changes nothing. What the event cannot
 * tell (which pages link a post, which listing pages hold it) is named by the dependency keys pages
 * record (`resources.ts`), and the new neighbours of a post by `neighbours`, resolved by the consumer.
 */
export function affects(event: SiteEvent): Resource[] {
  return unique(resourcesOf(event));
}

function resourcesOf(event: SiteEvent): Resource[] {
  switch (event.type) {
    case 'post.created':
      return postChange(event.postId, undefined, event.after);
    case 'post.updated':
    case 'post.published':
    case 'post.unpublished':
      return postChange(event.postId, event.before, event.after);
    case 'post.deleted':
      return postChange(event.postId, event.before, undefined);
    case 'comment.created':
    case 'comment.edited':
      return event.status === 'approved' ? discussion(event.postId) : [];
    case 'comment.deleted':
      return event.from === 'approved' ? discussion(event.postId) : [];
    case 'comment.approved':
    case 'comment.unapproved':
    case 'comment.spammed':
    case 'comment.trashed':
    case 'comment.restored':
      return movedInOrOut(event) ? discussion(event.postId) : [];
    case 'comments.closed':
      return event.visible ? [{ kind: 'post', id: event.postId }] : [];
    case 'settings.changed':
      return event.keys.some((key) => !PRIVATE_SETTINGS.has(key)) ? [{ kind: 'site' }] : [];
    case 'user.created':
      return [];
    case 'user.changed':
      return userChange(event.userId, event.keys);
    case 'term.changed':
      return termChange(event);
    case 'media.created':
      // A file nobody shows yet; the post that shows it writes its own event.
      return [];
    case 'site.welcomed':
      return [{ kind: 'site' }];
    case 'import.batch':
      // An import rewrites much of a site at once: forgetting everything is cheaper than listing it.
      return event.visible ? [{ kind: 'site' }] : [];
  }
}

/**
 * Settings that change no page: moderation rules, limits and the secret. Any other key (including
 * one added later and not listed here) changes every page, which is the safe side.
 */
const PRIVATE_SETTINGS = new Set([
  '_secret',
  'notifyWriterOfComments',
  'requirePriorApproval',
  'holdLinkCount',
  'blockedWords',
  'commentRateLimit',
  'commentRateWindowSeconds',
  'commentMinFillSeconds',
]);

const USER_PUBLIC_KEYS = new Set(['displayName', 'bio', 'login']);

function movedInOrOut(event: Extract<CommentEvent, { to: CommentStatus }>): boolean {
  return (event.from === 'approved') !== (event.to === 'approved');
}

/** An approved comment came or went: its post's page and feeds, and every count shown beside the post. */
function discussion(postId: number): Resource[] {
  return [
    { kind: 'post', id: postId },
    { kind: 'feed', what: 'post', id: postId },
    { kind: 'feed', what: 'comments' },
    { kind: 'summary', id: postId },
  ];
}

function postChange(id: number, before: PostState | undefined, after: PostState | undefined): Resource[] {
  const was = before?.visible ? before : undefined;
  const is = after?.visible ? after : undefined;
  if (!was && !is) return [];
  const out: Resource[] = [
    { kind: 'post', id },
    { kind: 'feed', what: 'post', id },
    { kind: 'links', id },
    { kind: 'summary', id },
    { kind: 'sitemap' },
    { kind: 'search' },
  ];
  // Its comments enter or leave the site's comments feed, which also shows each post's title.
  if (!was || !is || was.title !== is.title || was.slug !== is.slug)
    out.push({ kind: 'feed', what: 'comments' });
  const states = [was, is].filter((s): s is PostState => s !== undefined);
  if (states.some((s) => s.type === 'page')) return out;

  // Feeds carry the post's text, so any public change reaches those it is in.
  out.push({ kind: 'feed', what: 'site' });
  for (const s of states) out.push(...feedsOf(s));
  if (!was || !is || moved(was, is)) {
    for (const s of states) out.push(...listingsOf(s));
    for (const tagId of states.flatMap((s) => s.tagIds)) out.push({ kind: 'related', termId: tagId });
  }
  if (is && (!was || was.publishedAt !== is.publishedAt)) out.push({ kind: 'neighbours', id });
  return out;
}

/** Whether the post changed place in some listing (entered, left, or moved within one). */
function moved(was: PostState, is: PostState): boolean {
  return (
    was.publishedAt !== is.publishedAt ||
    was.sticky !== is.sticky ||
    was.authorId !== is.authorId ||
    !sameIds(was.tagIds, is.tagIds) ||
    !sameIds(was.categoryIds, is.categoryIds)
  );
}

function listingsOf(s: PostState): Resource[] {
  const date = new Date(s.publishedAt);
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  return [
    { kind: 'home' },
    { kind: 'listing', what: 'author', id: s.authorId },
    ...s.tagIds.map((id): Resource => ({ kind: 'listing', what: 'tag', id })),
    ...s.categoryIds.map((id): Resource => ({ kind: 'listing', what: 'category', id })),
    { kind: 'archive', year },
    { kind: 'archive', year, month },
    { kind: 'archive', year, month, day },
  ];
}

function feedsOf(s: PostState): Resource[] {
  return [
    { kind: 'feed', what: 'author', id: s.authorId },
    ...s.tagIds.map((id): Resource => ({ kind: 'feed', what: 'tag', id })),
    ...s.categoryIds.map((id): Resource => ({ kind: 'feed', what: 'category', id })),
  ];
}

function userChange(id: number, keys: string[]): Resource[] {
  if (!keys.some((key) => USER_PUBLIC_KEYS.has(key))) return [];
  const out: Resource[] = [
    { kind: 'user', id },
    { kind: 'listing', what: 'author', id },
    { kind: 'feed', what: 'author', id },
  ];
  if (keys.includes('login')) out.push({ kind: 'sitemap' });
  return out;
}

function termChange(event: Extract<SiteEvent, { type: 'term.changed' }>): Resource[] {
  // A new term holds no post yet; a post given it writes its own event.
  if (!event.before) return [];
  const id = event.termId;
  const out: Resource[] = [
    { kind: 'term', id },
    { kind: 'listing', what: event.taxonomy, id },
    { kind: 'feed', what: event.taxonomy, id },
  ];
  if (event.before.slug !== event.after.slug) out.push({ kind: 'sitemap' });
  return out;
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

function unique(resources: Resource[]): Resource[] {
  const seen = new Map<string, Resource>();
  for (const r of resources) if (!seen.has(resourceKey(r))) seen.set(resourceKey(r), r);
  return [...seen.values()];
}
