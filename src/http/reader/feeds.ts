import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { postPath, slugFromPath } from '../../core/posts/permalink.ts';
import type { Post, PostQuery } from '../../core/posts/post.ts';
import { parseId, parseSegment } from '../../core/input.ts';
import { findPostByQueryId, isPublic, listPosts } from '../../core/reading/reading.ts';
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
import { notFound } from './not-found.ts';
import { postLink } from './views.ts';

/** Items per feed, as WordPress's default "syndication feeds show the most recent 20 items". */
const ITEMS = 20;
/** Site-wide comments are read in batches, skipping those under posts readers cannot see. */
const COMMENT_BATCH = 50;
const COMMENT_BATCHES = 10;
/** Feed readers poll; five minutes of caching spares the database without delaying a post much. */
const CACHE_CONTROL = 'public, max-age=300';

/** WordPress's suffixes after `feed/`: rss and rss2 are both served RSS 2.0. */
const SUFFIXES: Record<string, FeedFormat> = {
  '': 'rss',
  'rss/': 'rss',
  'rss2/': 'rss',
  'atom/': 'atom',
  'json/': 'json',
};
const POST_FEED = /^(\/.*)feed\/((?:rss2?|atom|json)\/)?$/;
const EPOCH = new Date(0);

/** Where each format of the feed of the page at `base` lives; the site's JSON Feed is `/feed.json`. */
export function feedPaths(base: string): Record<FeedFormat, string> {
  return {
    rss: `${base}feed/`,
    atom: `${base}feed/atom/`,
    json: base === '/' ? '/feed.json' : `${base}feed/json/`,
  };
}

const newer = (a: Date, b: Date): Date => (a > b ? a : b);

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

function sendFeed(c: Context, feed: Feed, format: FeedFormat): Response {
  const body = renderFeed(feed, format);
  const etag = etagOf(body);
  const lastModified = feed.items.length > 0 ? feed.updated : undefined;
  c.header('ETag', etag);
  c.header('Cache-Control', CACHE_CONTROL);
  if (lastModified) c.header('Last-Modified', lastModified.toUTCString());
  if (notModified(c, etag, lastModified)) return c.body(null, 304);
  c.header('Content-Type', `${MEDIA_TYPES[format]}; charset=utf-8`);
  return c.body(body);
}

type Handler = (c: Context, format: FeedFormat) => Promise<Response>;
type Listing = Omit<PostQuery, 'limit' | 'offset'>;

/** A feed with nothing in it still needs a date that stays put between requests: the site's newest post. */
async function siteUpdated(services: WebServices): Promise<Date> {
  const { storage, clock } = services.core;
  const [post] = (await storage.posts.list({ limit: 1, offset: 0 }, clock.now())).items;
  return post ? newer(post.updatedAt, post.publishedAt) : EPOCH;
}

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

function postsHandler(services: WebServices, scope: FeedScope, homePath: string, query: Listing): Handler {
  return async (c, format) => {
    const page = await listPosts(services.core, { ...query, limit: ITEMS, offset: 0 });
    const empty = page.items.length === 0 && (() => siteUpdated(services));
    const where = await place(services, scope, [homePath, homePath], empty);
    const links = page.items.map((bundle) => postLink(bundle, where.site.settings));
    return sendFeed(c, postsFeed(where, links), format);
  };
}

/** The newest approved comments under public posts (the port's list cannot tell what is public). */
async function publicComments(services: WebServices): Promise<CommentEntry[]> {
  const { storage, clock } = services.core;
  const { settings } = await siteView(services);
  const posts = new Map<number, Post | undefined>();
  const entries: CommentEntry[] = [];
  for (let batch = 0; batch < COMMENT_BATCHES && entries.length < ITEMS; batch++) {
    const page = await storage.comments.list({
      statuses: ['approved'],
      limit: COMMENT_BATCH,
      offset: batch * COMMENT_BATCH,
    });
    for (const comment of page.items) {
      if (!posts.has(comment.postId)) posts.set(comment.postId, await storage.posts.findById(comment.postId));
      const post = posts.get(comment.postId);
      if (!post || !isPublic(post, clock.now()) || entries.length >= ITEMS) continue;
      entries.push({ comment, postTitle: post.title, postPath: postPath(post, settings.permalink) });
    }
    if (page.items.length < COMMENT_BATCH) break;
  }
  return entries;
}

function siteCommentsHandler(services: WebServices): Handler {
  return async (c, format) => {
    const entries = await publicComments(services);
    const empty = entries.length === 0 && (() => siteUpdated(services));
    const where = await place(services, { kind: 'comments' }, ['/', '/comments/'], empty);
    return sendFeed(c, commentsFeed(where, entries), format);
  };
}

async function postComments(c: Context, services: WebServices, format: FeedFormat, post: Post) {
  const { settings } = await siteView(services);
  const path = postPath(post, settings.permalink);
  const approved = await services.core.storage.comments.forPost(post.id, []);
  const entries = approved
    .slice(-ITEMS)
    .reverse()
    .map((comment) => ({ comment, postTitle: post.title, postPath: path }));
  const empty = entries.length === 0 && (async () => newer(post.updatedAt, post.publishedAt));
  const scope = { kind: 'post-comments' as const, title: post.title };
  return sendFeed(c, commentsFeed(await place(services, scope, [path, path], empty), entries), format);
}

/** A post's comments: `feed/` under its permalink, or under another address of it (301 to the right one). */
async function postFeedAt(
  c: Context,
  services: WebServices,
  path: string,
  suffix: string,
): Promise<Response> {
  const { storage, clock } = services.core;
  const { settings } = await siteView(services);
  const visible = (post: Post | undefined) => (post && isPublic(post, clock.now()) ? post : undefined);
  const slug = parseSegment(slugFromPath(path, settings.permalink) ?? slugFromPath(path, '/:slug/'));
  let post = visible(slug ? await storage.posts.findBySlug(slug) : undefined);
  if (!post) {
    const aliased = await storage.aliases.find(path);
    post = visible(aliased === undefined ? undefined : await storage.posts.findById(aliased));
  }
  if (!post) return notFound(c, services);
  const canonical = postPath(post, settings.permalink);
  if (canonical !== path) return c.redirect(`${canonical}feed/${suffix}`, 301);
  return postComments(c, services, SUFFIXES[suffix] ?? 'rss', post);
}

/** Feeds at WordPress's URLs, so a moved blog keeps its subscribers. Mounted before the reader pages. */
export function feedRoutes(services: WebServices): Hono {
  const app = new Hono({ strict: true });
  const storage = services.core.storage;
  const eachFormat = (base: string, handler: Handler) => {
    for (const [suffix, format] of Object.entries(SUFFIXES)) {
      app.get(`${base}feed/${suffix}`, (c) => handler(c, format));
    }
  };

  const site = postsHandler(services, { kind: 'site' }, '/', {});
  eachFormat('/', site);
  app.get('/feed.json', (c) => site(c, 'json'));
  eachFormat('/comments/', siteCommentsHandler(services));

  for (const taxonomy of ['tag', 'category'] as const) {
    eachFormat(`/${taxonomy}/:slug/`, async (c, format) => {
      const slug = parseSegment(c.req.param('slug'));
      const term = slug === undefined ? undefined : await storage.terms.findBySlug(taxonomy, slug);
      if (!term) return notFound(c, services);
      const scope = { kind: taxonomy, name: term.name, description: term.description };
      const home = `/${taxonomy}/${encodeURIComponent(term.slug)}/`;
      return postsHandler(services, scope, home, { [taxonomy]: term.slug })(c, format);
    });
  }

  eachFormat('/author/:login/', async (c, format) => {
    const login = parseSegment(c.req.param('login'));
    const user = login === undefined ? undefined : await storage.users.findByLogin(login);
    if (!user) return notFound(c, services);
    const scope = { kind: 'author' as const, name: user.displayName, description: user.bio };
    const home = `/author/${encodeURIComponent(user.login)}/`;
    return postsHandler(services, scope, home, { authorId: user.id })(c, format);
  });

  app.get('/', async (c, next) => {
    if (c.req.query('feed') === undefined) return next();
    const target = await wordpressFeedPath(c, services);
    return target ? c.redirect(target, 301) : notFound(c, services);
  });

  app.get('*', async (c, next) => {
    const match = POST_FEED.exec(new URL(c.req.url).pathname);
    return match ? postFeedAt(c, services, match[1] ?? '/', match[2] ?? '') : next();
  });

  return app;
}

/**
 * WordPress's query-string feeds (`/?feed=rss2`, `/?feed=atom`, `/?feed=comments-rss2`, with `p`,
 * `tag`, `category_name` or `author`), answered with a 301 to the feed's one canonical URL: a reader
 * that follows it updates the subscription, and each feed keeps a single cache entry and ETag.
 */
async function wordpressFeedPath(c: Context, services: WebServices): Promise<string | undefined> {
  const match = /^(comments-)?(rss2?|atom|json|rdf|)$/.exec(c.req.query('feed') ?? '');
  if (!match) return undefined;
  const comments = Boolean(match[1]);
  const format: FeedFormat = match[2] === 'atom' ? 'atom' : match[2] === 'json' ? 'json' : 'rss';
  const storage = services.core.storage;
  const { settings } = await siteView(services);
  const p = c.req.query('p') ?? c.req.query('page_id');
  if (p !== undefined) {
    const post = await findPostByQueryId(services.core, p);
    if (!post || !isPublic(post, services.core.clock.now())) return undefined;
    return feedPaths(postPath(post, settings.permalink))[format];
  }
  if (comments) return feedPaths('/comments/')[format];
  const tag = c.req.query('tag');
  const category = c.req.query('category_name');
  if (tag !== undefined) return feedPaths(`/tag/${encodeURIComponent(tag)}/`)[format];
  if (category !== undefined) return feedPaths(`/category/${encodeURIComponent(category)}/`)[format];
  if (c.req.query('author') !== undefined) {
    const author = parseId(c.req.query('author'));
    const user = author === undefined ? undefined : await storage.users.findById(author);
    return user ? feedPaths(`/author/${encodeURIComponent(user.login)}/`)[format] : undefined;
  }
  return feedPaths('/')[format];
}
