import { safeDecode } from './text.ts';
import type { WxrSite } from '../wxr/types.ts';

/**
 * Old WordPress addresses: where a post used to live (its aliases here), and the rewriting of links
 * in imported content from old addresses to new ones.
 */

const UPLOADS = '/wp-content/uploads/';

/** The host a URL belongs to, lower case and without `www.`, so both spellings of a site match. */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/**
 * Which site an export came from, the key its import records are kept under: the blog's address
 * without scheme or `www.`, so an export made over http and one made over https are the same site.
 * An export that names no site is known by its file name.
 */
export function sourceKey(site: WxrSite, fileName: string): string {
  for (const url of [site.baseBlogUrl, site.link, site.baseSiteUrl]) {
    const host = hostOf(url);
    if (!host) continue;
    const path = new URL(url).pathname.replace(/\/+$/, '');
    return `${host}${path}`;
  }
  return `file:${fileName}`;
}

/** The hosts a link must have to be one of the old site's own. */
export function siteHosts(site: WxrSite): Set<string> {
  const hosts = new Set<string>();
  for (const url of [site.baseBlogUrl, site.link, site.baseSiteUrl]) {
    const host = hostOf(url);
    if (host) hosts.add(host);
  }
  return hosts;
}

/**
 * The path the old blog lived under, without its final slash: '' for a blog at the root of its
 * host, '/blog' for one at `http://example.net/blog`. The blog's own address says it best
 * (`wp:base_blog_url`; `wp:base_site_url` is the network's on a multisite), then the channel link.
 */
export function blogPrefix(site: WxrSite): string {
  for (const url of [site.baseBlogUrl, site.link, site.baseSiteUrl]) {
    if (!hostOf(url)) continue;
    return new URL(url).pathname.replace(/\/+$/, '');
  }
  return '';
}

/**
 * The query parameters by which WordPress names one thing, in the order it reads them. Any one of
 * them makes the address a different one from the bare path: `/blog/?p=42` is not `/blog/`.
 */
export const WORDPRESS_KEYS = ['p', 'page_id', 'attachment_id', 'cat', 'tag', 'author', 'm'] as const;

/**
 * An old address as the aliases and redirects keep it, and as the resolver builds it from a request:
 * the path as written, and the first WordPress parameter that names the thing, if any
 * (`/blog/?p=42`). Undefined when the URL has a query that names nothing WordPress reads
 * (`?lang=en`): dropping it would make the alias of a path that means something else.
 */
export function addressOf(url: URL): string | undefined {
  const key = WORDPRESS_KEYS.find((k) => url.searchParams.has(k));
  if (key !== undefined) return `${url.pathname}?${key}=${encodeURIComponent(url.searchParams.get(key)!)}`;
  return url.search === '' ? url.pathname : undefined;
}

/** The old blog an export came from: where it lived, for reading its links and addresses. */
export interface OldBlog {
  hosts: Set<string>;
  /** See blogPrefix. */
  prefix: string;
}

/** A URL on the old blog (absolute on one of its hosts, or root-relative), or undefined. */
export function onOldBlog(blog: OldBlog, text: string): URL | undefined {
  const first = blog.hosts.values().next().value ?? 'old.invalid';
  let url: URL;
  try {
    url = new URL(text.trim(), `https://${first}/`);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol)) return undefined;
  return blog.hosts.has(url.hostname.toLowerCase().replace(/^www\./, '')) ? url : undefined;
}

/**
 * The old addresses one URL of an item stands for: its address and, for a pretty path under the
 * blog's prefix, the same path without it (a reader who only changed the host). Nothing for the
 * blog's home (`/blog/` is the home page, never one post) nor for a query WordPress did not read.
 */
export function oldAddresses(blog: OldBlog, text: string): string[] {
  const url = onOldBlog(blog, text);
  const address = url && addressOf(url);
  if (address === undefined) return [];
  const path = address.split('?')[0]!;
  if (!address.includes('?') && (path === '/' || path === `${blog.prefix}/`)) return [];
  if (address.includes('?') || blog.prefix === '' || !path.startsWith(`${blog.prefix}/`)) return [address];
  return [address, address.slice(blog.prefix.length)];
}

/**
 * The spellings a browser may ask for one old path: as the export wrote it, and with its
 * percent-escapes in upper and in lower case (WordPress writes `%d0`, browsers send `%D0`).
 */
export function pathSpellings(path: string): string[] {
  const upper = path.replace(/%[0-9a-f]{2}/gi, (e) => e.toUpperCase());
  const lower = path.replace(/%[0-9a-f]{2}/gi, (e) => e.toLowerCase());
  return [...new Set([path, upper, lower])];
}

/** One key per old path whatever its escapes and trailing slash, for looking links up. */
export function pathKey(path: string): string {
  const decoded = safeDecode(path).normalize('NFC');
  return decoded.endsWith('/') ? decoded : `${decoded}/`;
}

export interface LinkIndex {
  /** The old site's scheme and host, for its uploads we keep linking to. */
  origin: string;
  blog: OldBlog;
  /** pathKey(old path) → new path, for each post's pretty paths with and without the prefix. */
  byPath: Map<string, string>;
  /** WordPress post or page id → new path (`?p=ID`, `?page_id=ID`). */
  byId: Map<number, string>;
  /** Old addresses with a query that name other things (`?cat=ID`, `?author=ID`) → new path. */
  byAddress: Map<string, string>;
  /** A file's path under wp-content/uploads (decoded) → its URL in our media library. */
  media: Map<string, string>;
}

/** A WordPress thumbnail's name (`photo-300x200.jpg`) names the same upload as `photo.jpg`. */
function unsized(path: string): string {
  return path.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1');
}

/**
 * An upload's path relative to wp-content/uploads, or undefined for any other URL. WordPress.com
 * serves a blog's uploads from its own host, `BLOG.files.wordpress.com/2019/05/photo.jpg`.
 */
export function uploadPath(url: URL): string | undefined {
  if (/\.files\.wordpress\.com$/i.test(url.hostname)) return safeDecode(url.pathname.replace(/^\/+/, ''));
  const at = url.pathname.indexOf(UPLOADS);
  return at < 0 ? undefined : safeDecode(url.pathname.slice(at + UPLOADS.length));
}

/**
 * An upload in our library, or else the old site's own copy: a relative `/wp-content/…` link would
 * point at nothing here, so it is made absolute (and listed in the report as missing media).
 */
function mediaTarget(index: LinkIndex, url: URL, relative: boolean): string | undefined {
  const upload = uploadPath(url);
  if (upload === undefined) return undefined;
  const ours = index.media.get(upload) ?? index.media.get(unsized(upload));
  if (ours !== undefined) return ours;
  return relative ? `${index.origin}${url.pathname}${url.search}` : undefined;
}

/** The query-string forms of an address: `?p=ID`, `?page_id=ID`, and what else the import mapped. */
function queryTarget(index: LinkIndex, url: URL): string | undefined {
  const id = url.searchParams.get('p') ?? url.searchParams.get('page_id');
  if (id !== null) return /^\d+$/.test(id) ? index.byId.get(Number(id)) : undefined;
  const month = url.searchParams.get('m');
  if (month !== null) return dateArchive(month);
  const tag = url.searchParams.get('tag');
  if (tag !== null) return tag === '' ? undefined : `/tag/${encodeURIComponent(tag)}/`;
  const address = addressOf(url);
  return address?.includes('?') ? index.byAddress.get(address) : undefined;
}

/** WordPress's `?m=YYYY`, `?m=YYYYMM` or `?m=YYYYMMDD` as our date archive's path. */
export function dateArchive(m: string): string | undefined {
  const match = /^([0-9]{4})([0-9]{2})?([0-9]{2})?$/.exec(m);
  return match ? `/${match.slice(1).filter(Boolean).join('/')}/` : undefined;
}

/** Our listings and feeds have WordPress's default shapes: under the old prefix, the same path here. */
const LISTING =
  /^\/(?:(?:category|tag|author)\/[^/]+\/|[0-9]{4}\/(?:[0-9]{2}\/(?:[0-9]{2}\/)?)?|comments\/)?(?:page\/[0-9]+\/)?(?:feed\/(?:(?:rss2?|atom)\/)?)?$/;

/** A link to the old blog's home page, a listing or a feed: the same page here. */
function listingTarget(index: LinkIndex, url: URL): string | undefined {
  const { prefix } = index.blog;
  if (url.search !== '' || !(url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)))
    return undefined;
  const rest = url.pathname.slice(prefix.length) || '/';
  return LISTING.test(rest) ? rest : undefined;
}

/**
 * convertContent's `rewriteUrl`: the new address of a link to the old site's own posts, pages,
 * listings and uploads (on any of its hosts, over http or https, with or without the path it lived
 * under), or undefined to keep the link as it is (elsewhere, or not imported). Fragments are kept.
 */
export function linkRewriter(index: LinkIndex): (url: string) => string | undefined {
  return (raw) => {
    const text = raw.trim();
    if (text === '' || text.startsWith('#') || /^(?:mailto|tel|data|javascript):/i.test(text))
      return undefined;
    // A relative link resolves against the old site, so `/2019/05/03/slug/` is one of its posts.
    const url = onOldBlog(index.blog, text);
    if (!url) return undefined;
    const target =
      queryTarget(index, url) ??
      mediaTarget(index, url, !/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(text)) ??
      index.byPath.get(pathKey(url.pathname)) ??
      (url.search === '' ? index.byAddress.get(url.pathname) : undefined) ??
      feedTarget(index, url.pathname) ??
      listingTarget(index, url);
    return target === undefined ? undefined : `${target}${url.hash}`;
  };
}

/** A post's old comment feed (`/2019/05/03/slug/feed/`) becomes its new one. */
function feedTarget(index: LinkIndex, pathname: string): string | undefined {
  const match = /^(.*\/)feed\/?$/.exec(pathname);
  const post = match ? index.byPath.get(pathKey(match[1]!)) : undefined;
  return post === undefined ? undefined : `${post}feed/`;
}
