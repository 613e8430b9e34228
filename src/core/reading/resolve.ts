import type { CoreDeps } from '../deps.ts';
import { cleanFreeText, parseDateArchive, parseId, parseSegment } from '../input.ts';
import { postPath, slugFromPath } from '../posts/permalink.ts';
import type { PostSummary, ShownPost } from '../posts/post.ts';
import type { SiteSettings } from '../site/settings.ts';
import { findPostByQueryId, listPosts, type PostBundle } from './reading.ts';
import {
  feedPaths,
  subjectFilter,
  subjectPath,
  type FeedFormat,
  type FeedSubject,
  type ListingSubject,
} from './subjects.ts';
import { isPublic } from './visibility.ts';

/**
 * Which page a reader's address means. Every reader surface (pages, feeds, and later ActivityPub
 * content negotiation and the static mirror) asks here, so the rules for old WordPress addresses,
 * canonical permalinks and what the public may see live in one place, and every path segment and
 * query value passes the input gate (../input.ts) before it reaches storage.
 */

/** A reader's request as the transport received it: the raw (still encoded) path and query. */
export interface ReaderRequest {
  path: string;
  /** The first value of each query parameter. */
  query: Readonly<Record<string, string>>;
  /** The raw query string with its `?`, or '' (kept on redirects that only fix the path). */
  search: string;
}

export type ReaderAnswer =
  | { type: 'post'; post: ShownPost; replyTo: number | undefined }
  | {
      type: 'listing';
      subject: ListingSubject;
      basePath: string;
      page: number;
      totalPages: number;
      posts: PostBundle<PostSummary>[];
    }
  | { type: 'search'; text: string; page: string | undefined }
  | { type: 'feed'; subject: FeedSubject; format: FeedFormat; basePath: string }
  /** Always a path on this site: one leading `/`, never `//host` nor `/\host`. */
  | { type: 'redirect'; location: string }
  | { type: 'not-found' };

type ResolveDeps = Pick<CoreDeps, 'storage' | 'clock'>;
type Settings = Pick<SiteSettings, 'permalink' | 'postsPerPage'>;

const NOT_FOUND: ReaderAnswer = { type: 'not-found' };

/** A redirect within the site, whatever the path it was built from (a hostile `//host` included). */
export function redirect(location: string): ReaderAnswer {
  return { type: 'redirect', location: `/${location.replace(/^[/\\]+/, '')}` };
}

/** WordPress's suffixes after `feed/`: rss and rss2 are both served RSS 2.0. */
const FEED_SUFFIXES: Record<string, FeedFormat> = {
  '': 'rss',
  'rss/': 'rss',
  'rss2/': 'rss',
  'atom/': 'atom',
  'json/': 'json',
};
const FEED_PATH = /^(\/.*)feed\/((?:rss2?|atom|json)\/)?$/;
/** `/page/N/` after a listing's own path. */
const PAGED = /^(\/.*?)page\/([0-9]+)\/$/;
const TERM_PATH = /^\/(tag|category|author)\/([^/]+)\/$/;
const DATE_PATH = /^\/([0-9]{4})\/(?:([0-9]{2})\/(?:([0-9]{2})\/)?)?$/;

/** A percent-encoded path segment, decoded and through the gate, or undefined. */
function segment(encoded: string): string | undefined {
  try {
    return parseSegment(decodeURIComponent(encoded));
  } catch {
    return undefined;
  }
}

/**
 * The answer to one reader request. `settings` come from the caller's cache. An old address of an
 * imported blog that names a thing by a query (`/blog/?p=42`, `/?cat=3`) is looked up whole first,
 * so no path can stand in for it; a path nothing here answers may lie under the folder an imported
 * blog lived in (`/blog/2019/`, `/blog/feed/`), and is answered as the same path without it.
 */
export async function resolveReaderRequest(
  deps: ResolveDeps,
  settings: Settings,
  request: ReaderRequest,
): Promise<ReaderAnswer> {
  const old = await oldAddress(deps, settings, request);
  if (old) return old;
  // WordPress answered `/index.php?p=ID` and `/index.php/2019/05/03/slug/` as without `index.php`.
  const front = /\/index\.php(?:\/|$)/.exec(request.path);
  if (front) {
    const path = `${request.path.slice(0, front.index)}/${request.path.slice(front.index + front[0].length)}`;
    return asRedirect(settings, await resolveReaderRequest(deps, settings, { ...request, path }));
  }
  const answer = await resolveHere(deps, settings, request);
  return answer.type === 'not-found' ? underOldPrefix(deps, settings, request) : answer;
}

/** The WordPress parameters whose values were ids of the old blog: only an import's record knows them. */
const OLD_ID_KEYS = ['p', 'page_id', 'attachment_id', 'cat', 'author'] as const;

/** An old address recorded whole, with its query (docs/adr/0019), or undefined. */
async function oldAddress(
  deps: ResolveDeps,
  settings: Settings,
  request: ReaderRequest,
): Promise<ReaderAnswer | undefined> {
  // `?feed=rss2&p=ID` asks for the post's comment feed, not the post.
  const key = OLD_ID_KEYS.find((k) => request.query[k] !== undefined);
  if (key === undefined || request.query.feed !== undefined) return undefined;
  const value = request.query[key]!;
  if (!/^[0-9]{1,20}$/.test(value)) return undefined;
  const address = `${request.path}?${key}=${value}`;
  const postId = await deps.storage.aliases.find(address);
  if (postId !== undefined) {
    const post = await deps.storage.posts.findById(postId);
    return redirectToPost(deps, settings, post);
  }
  const location = await deps.storage.aliases.findRedirect(address);
  return location === undefined ? undefined : redirect(location);
}

/**
 * A path under the folder an imported blog lived in (`/blog/…`), answered as the same path without
 * it, always by a redirect to this site's own address for the answer: `/blog/` is the home page.
 */
async function underOldPrefix(
  deps: ResolveDeps,
  settings: Settings,
  request: ReaderRequest,
): Promise<ReaderAnswer> {
  const [prefix] = await deps.storage.aliases.prefixesOf(request.path);
  if (prefix === undefined || !request.path.startsWith(`${prefix}/`)) return NOT_FOUND;
  const rest = { ...request, path: request.path.slice(prefix.length) };
  const answer = (await oldAddress(deps, settings, rest)) ?? (await resolveHere(deps, settings, rest));
  return asRedirect(settings, answer);
}

/** An answer found for an old address, as a 301 to this site's own address for it. */
function asRedirect(settings: Settings, answer: ReaderAnswer): ReaderAnswer {
  switch (answer.type) {
    case 'redirect':
    case 'not-found':
      return answer;
    case 'post':
      return redirect(postPath(answer.post, settings.permalink));
    case 'listing':
      return redirect(answer.page > 1 ? `${answer.basePath}page/${answer.page}/` : answer.basePath);
    case 'search':
      return redirect(`/${answer.page ? `page/${answer.page}/` : ''}?s=${encodeURIComponent(answer.text)}`);
    case 'feed':
      return redirect(feedPaths(answer.basePath)[answer.format]);
  }
}

/** The answer of this site's own addresses. */
async function resolveHere(
  deps: ResolveDeps,
  settings: Settings,
  request: ReaderRequest,
): Promise<ReaderAnswer> {
  const { path, query } = request;
  if (path === '/feed.json') return { type: 'feed', subject: siteFeed, format: 'json', basePath: '/' };
  if (!path.endsWith('/')) {
    // A file-like name (`/x.png`) is not a page without its slash; anything else gets its slash.
    return /\.[a-z0-9]+$/i.test(path) ? NOT_FOUND : redirect(`${path}/${request.search}`);
  }
  if (path === '/' && query.feed !== undefined) return wordpressFeed(deps, settings, query);

  const feed = FEED_PATH.exec(path);
  if (feed) return resolveFeed(deps, settings, feed[1] ?? '/', feed[2] ?? '');

  const paged = PAGED.exec(path);
  const base = paged ? (paged[1] ?? '/') : path;
  if (base === '/') {
    const p = query.p ?? query.page_id;
    if (p !== undefined) return redirectToPost(deps, settings, await findPostByQueryId(deps, p));
    if (query.s !== undefined) return { type: 'search', text: cleanFreeText(query.s), page: paged?.[2] };
    const dated = query.m === undefined ? undefined : dateArchiveOf(query.m);
    if (dated) return redirect(subjectPath({ kind: 'date', range: dated }));
    if (query.tag !== undefined) {
      const slug = parseSegment(query.tag);
      const term = slug ? await deps.storage.terms.findBySlug('tag', slug) : undefined;
      return term ? redirect(subjectPath({ kind: 'tag', term })) : NOT_FOUND;
    }
  }
  const subject = await listingSubject(deps, base);
  if (subject === 'none') return resolvePost(deps, settings, request);
  if (subject === undefined) return NOT_FOUND;
  return resolveListing(deps, settings, subject, paged?.[2], request.search);
}

/** WordPress's `?m=YYYY`, `?m=YYYYMM` or `?m=YYYYMMDD`. */
function dateArchiveOf(m: string) {
  const match = /^([0-9]{4})([0-9]{2})?([0-9]{2})?$/.exec(m);
  return match ? parseDateArchive(match[1]!, match[2], match[3]) : undefined;
}

const siteFeed: FeedSubject = { kind: 'posts', subject: { kind: 'home' } };

/**
 * What listing a path (without its `page/N/`) names: a subject, undefined when it has a listing's
 * shape but names nothing (an unknown tag, `/2026/00/`), or 'none' when it is no listing's shape.
 */
async function listingSubject(deps: ResolveDeps, path: string): Promise<ListingSubject | undefined | 'none'> {
  if (path === '/') return { kind: 'home' };
  const dated = DATE_PATH.exec(path);
  if (dated) {
    const range = parseDateArchive(dated[1]!, dated[2], dated[3]);
    return range && { kind: 'date', range };
  }
  const named = TERM_PATH.exec(path);
  if (!named) return 'none';
  const kind = named[1] as 'tag' | 'category' | 'author';
  const slug = segment(named[2]!);
  if (slug === undefined) return undefined;
  if (kind === 'author') {
    const user = await deps.storage.users.findByLogin(slug);
    return user && { kind, user };
  }
  const term = await deps.storage.terms.findBySlug(kind, slug);
  return term && { kind, term };
}

async function resolveListing(
  deps: ResolveDeps,
  settings: Settings,
  subject: ListingSubject,
  pageText: string | undefined,
  search: string,
): Promise<ReaderAnswer> {
  const basePath = subjectPath(subject);
  const page = pageText === undefined ? 1 : parseId(pageText);
  if (page === undefined) return NOT_FOUND;
  // The first page has one address, the listing's own.
  if (pageText !== undefined && page === 1) return redirect(`${basePath}${search}`);
  const perPage = settings.postsPerPage;
  const found = await listPosts(deps, {
    ...subjectFilter(subject),
    limit: perPage,
    offset: (page - 1) * perPage,
  });
  const totalPages = Math.max(1, Math.ceil(found.total / perPage));
  if (page > totalPages || (subject.kind !== 'home' && found.total === 0)) return NOT_FOUND;
  return { type: 'listing', subject, basePath, page, totalPages, posts: found.items };
}

/** The public post a path names at the permalink template (or `/:slug/`), or undefined. */
async function postAt(deps: ResolveDeps, settings: Settings, path: string): Promise<ShownPost | undefined> {
  const slug = parseSegment(slugFromPath(path, settings.permalink) ?? slugFromPath(path, '/:slug/'));
  const post = slug === undefined ? undefined : await deps.storage.posts.findShown({ slug });
  return post && isPublic(post, deps.clock.now()) ? post : undefined;
}

/** The public post an old address (an imported WordPress path) stands for, or undefined. */
async function aliasedPost(deps: ResolveDeps, path: string): Promise<ShownPost | undefined> {
  const id = await deps.storage.aliases.find(path);
  const post = id === undefined ? undefined : await deps.storage.posts.findShown({ id });
  return post && isPublic(post, deps.clock.now()) ? post : undefined;
}

/** A post at its permalink, an old address of one (301 to it), or nothing. */
async function resolvePost(deps: ResolveDeps, settings: Settings, request: ReaderRequest) {
  const { path } = request;
  const post = await postAt(deps, settings, path);
  if (post) {
    const canonical = postPath(post, settings.permalink);
    if (canonical !== path) return redirect(canonical);
    return { type: 'post' as const, post, replyTo: parseId(request.query.replytocom) };
  }
  const aliased = await aliasedPost(deps, path);
  if (aliased) return redirectToPost(deps, settings, aliased);
  const location = await deps.storage.aliases.findRedirect(path);
  return location === undefined ? NOT_FOUND : redirect(location);
}

function redirectToPost(deps: ResolveDeps, settings: Settings, post: ShownPost | undefined): ReaderAnswer {
  if (!post || !isPublic(post, deps.clock.now())) return NOT_FOUND;
  return redirect(postPath(post, settings.permalink));
}

/** A feed at `${base}feed/${suffix}`: the site's, the comments', a listing's, or a post's comments. */
async function resolveFeed(
  deps: ResolveDeps,
  settings: Settings,
  base: string,
  suffix: string,
): Promise<ReaderAnswer> {
  const format = FEED_SUFFIXES[suffix] ?? 'rss';
  if (base === '/') return { type: 'feed', subject: siteFeed, format, basePath: base };
  if (base === '/comments/') return { type: 'feed', subject: { kind: 'comments' }, format, basePath: base };
  if (TERM_PATH.test(base)) {
    const subject = await listingSubject(deps, base);
    if (typeof subject !== 'object' || subject.kind === 'date' || subject.kind === 'home') return NOT_FOUND;
    return { type: 'feed', subject: { kind: 'posts', subject }, format, basePath: subjectPath(subject) };
  }
  const post = (await postAt(deps, settings, base)) ?? (await aliasedPost(deps, base));
  if (!post) return NOT_FOUND;
  const canonical = postPath(post, settings.permalink);
  if (canonical !== base) return redirect(`${canonical}feed/${suffix}`);
  return { type: 'feed', subject: { kind: 'post-comments', post }, format, basePath: canonical };
}

/**
 * WordPress's query-string feeds (`/?feed=rss2`, `/?feed=atom`, `/?feed=comments-rss2`, with `p`,
 * `tag`, `category_name` or `author`), answered with a 301 to the feed's one canonical URL: a reader
 * that follows it updates the subscription, and each feed keeps a single cache entry and ETag.
 */
async function wordpressFeed(
  deps: ResolveDeps,
  settings: Settings,
  query: ReaderRequest['query'],
): Promise<ReaderAnswer> {
  const match = /^(comments-)?(rss2?|atom|json|rdf|)$/.exec(query.feed ?? '');
  if (!match) return NOT_FOUND;
  const format: FeedFormat = match[2] === 'atom' ? 'atom' : match[2] === 'json' ? 'json' : 'rss';
  const to = (base: string) => redirect(feedPaths(base)[format]);
  const p = query.p ?? query.page_id;
  if (p !== undefined) {
    const post = await findPostByQueryId(deps, p);
    if (!post || !isPublic(post, deps.clock.now())) return NOT_FOUND;
    return to(postPath(post, settings.permalink));
  }
  if (match[1]) return to('/comments/');
  if (query.tag !== undefined) return to(`/tag/${encodeURIComponent(query.tag)}/`);
  if (query.category_name !== undefined) return to(`/category/${encodeURIComponent(query.category_name)}/`);
  if (query.author !== undefined) {
    const id = parseId(query.author);
    const user = id === undefined ? undefined : await deps.storage.users.findById(id);
    return user ? to(`/author/${encodeURIComponent(user.login)}/`) : NOT_FOUND;
  }
  return to('/');
}
