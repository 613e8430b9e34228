import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { postPath } from '../../core/posts/permalink.ts';
import type { ShownPost } from '../../core/posts/post.ts';
import {
  latestPublicComments,
  postFeedComments,
  postUpdated,
  siteUpdated,
} from '../../core/reading/feed-content.ts';
import { feedTags } from '../../core/reading/page-contents.ts';
import { listPosts } from '../../core/reading/reading.ts';
import type { ReaderAnswer } from '../../core/reading/resolve.ts';
import { feedPaths, subjectFilter, type FeedSubject } from '../../core/reading/subjects.ts';
import {
  commentsFeed,
  MEDIA_TYPES,
  postsFeed,
  renderFeed,
  type CommentEntry,
  type Feed,
  type FeedFormat,
  type FeedPlace,
  type FeedScope,
} from '../../render/feeds/index.ts';
import { siteView, type WebServices } from '../services.ts';
import { tagResponse } from './respond.ts';
import { postLink } from './views.ts';

/** Items per feed, as WordPress's default "syndication feeds show the most recent 20 items". */
const ITEMS = 20;
/** Feed readers poll; five minutes of caching spares the database without delaying a post much. */
const CACHE_CONTROL = 'public, max-age=300';

/** A strong ETag from the bytes themselves: equal bodies, equal tags, on every instance. */
function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** RFC 9110: If-None-Match wins over If-Modified-Since; both compare what the reader already has. */
function notModified(c: Context, etag: string, lastModified: Date | undefined): boolean {
  const match = c.req.header('if-none-match');
  if (match !== undefined) {
    return match.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));
  }
  const since = Date.parse(c.req.header('if-modified-since') ?? '');
  return lastModified !== undefined && !Number.isNaN(since) && lastModified.getTime() - since < 1000;
}

function sendFeed(c: Context, [feed, tags]: TaggedFeed, format: FeedFormat): Response {
  const body = renderFeed(feed, format);
  tagResponse(c, tags);
  const etag = etagOf(body);
  const lastModified = feed.items.length > 0 ? feed.updated : undefined;
  c.header('ETag', etag);
  c.header('Cache-Control', CACHE_CONTROL);
  if (lastModified) c.header('Last-Modified', lastModified.toUTCString());
  if (notModified(c, etag, lastModified)) return c.body(null, 304);
  c.header('Content-Type', `${MEDIA_TYPES[format]}; charset=utf-8`);
  return c.body(body);
}

type FeedAnswer = Extract<ReaderAnswer, { type: 'feed' }>;

const EPOCH = new Date(0);

/** `feedBase` is the page the feed hangs under: `/comments/feed/` follows the home page. */
async function place(
  services: WebServices,
  scope: FeedScope,
  [homePath, feedBase]: [string, string],
  emptyUpdated: (() => Promise<Date>) | false,
): Promise<FeedPlace> {
  return {
    site: await siteView(services),
    scope,
    homePath,
    paths: feedPaths(feedBase),
    emptyUpdated: emptyUpdated ? await emptyUpdated() : EPOCH,
  };
}

function scopeOf(subject: Extract<FeedSubject, { kind: 'posts' }>['subject']): FeedScope {
  switch (subject.kind) {
    case 'home':
      return { kind: 'site' };
    case 'tag':
    case 'category':
      return { kind: subject.kind, name: subject.term.name, description: subject.term.description };
    case 'author':
      return { kind: 'author', name: subject.user.displayName, description: subject.user.bio };
  }
}

/** A feed and its dependency tags (core/reading/page-contents.ts). */
type TaggedFeed = [Feed, string[]];

async function feedOf(services: WebServices, subject: FeedSubject, homePath: string): Promise<TaggedFeed> {
  const core = services.core;
  if (subject.kind === 'posts') {
    const page = await listPosts(core, { ...subjectFilter(subject.subject), limit: ITEMS, offset: 0 });
    const empty = page.items.length === 0 && (() => siteUpdated(core));
    const where = await place(services, scopeOf(subject.subject), [homePath, homePath], empty);
    const feed = postsFeed(
      where,
      page.items.map((bundle) => postLink(bundle, where.site.settings)),
    );
    return [feed, feedTags(subject, page.items)];
  }
  if (subject.kind === 'comments') {
    const { settings } = await siteView(services);
    const entries: CommentEntry[] = (await latestPublicComments(core, ITEMS)).map(({ comment, post }) => ({
      comment,
      postTitle: post.title,
      postPath: postPath(post, settings.permalink),
    }));
    const empty = entries.length === 0 && (() => siteUpdated(core));
    const feed = commentsFeed(
      await place(services, { kind: 'comments' }, ['/', '/comments/'], empty),
      entries,
    );
    return [feed, feedTags(subject, [])];
  }
  return [await postCommentsFeed(services, subject.post, homePath), feedTags(subject, [])];
}

async function postCommentsFeed(services: WebServices, post: ShownPost, path: string): Promise<Feed> {
  const approved = await postFeedComments(services.core, post);
  const entries = approved
    .slice(-ITEMS)
    .reverse()
    .map((comment) => ({ comment, postTitle: post.title, postPath: path }));
  const empty = entries.length === 0 && (async () => postUpdated(post));
  const scope = { kind: 'post-comments' as const, title: post.title };
  return commentsFeed(await place(services, scope, [path, path], empty), entries);
}

/** A feed the core resolved (core/reading/resolve.ts), written in the format asked for. */
export async function respondWithFeed(
  c: Context,
  services: WebServices,
  answer: FeedAnswer,
): Promise<Response> {
  return sendFeed(c, await feedOf(services, answer.subject, answer.basePath), answer.format);
}
