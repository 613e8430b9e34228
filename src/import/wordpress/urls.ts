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
 * The path a post's old `<link>` names, or undefined when it names none worth keeping (the home
 * page, a `?p=ID` link: those are answered by the query-string redirect).
 */
export function oldPath(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return undefined;
  }
  return url.pathname === '/' || url.pathname === '' ? undefined : url.pathname;
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
  hosts: Set<string>;
  /** pathKey(old path) → new path. */
  byPath: Map<string, string>;
  /** WordPress post or page id → new path (`?p=ID`, `?page_id=ID`). */
  byId: Map<number, string>;
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

/** The query-string forms of a post's address: `?p=ID`, `?page_id=ID`, `?attachment_id` is not ours. */
function idTarget(index: LinkIndex, url: URL): string | undefined {
  const id = url.searchParams.get('p') ?? url.searchParams.get('page_id');
  return id !== null && /^\d+$/.test(id) ? index.byId.get(Number(id)) : undefined;
}

/**
 * convertContent's `rewriteUrl`: the new address of a link to the old site's own posts, pages and
 * uploads, or undefined to keep the link as it is (elsewhere, or not imported). Fragments are kept.
 */
export function linkRewriter(index: LinkIndex): (url: string) => string | undefined {
  const first = index.hosts.values().next().value ?? 'old.invalid';
  // A relative link resolves against the old site, so `/2019/05/03/slug/` is one of its posts.
  return (raw) => {
    const text = raw.trim();
    if (text === '' || text.startsWith('#') || /^(?:mailto|tel|data|javascript):/i.test(text))
      return undefined;
    let url: URL;
    try {
      url = new URL(text, `https://${first}/`);
    } catch {
      return undefined;
    }
    if (!/^https?:$/.test(url.protocol)) return undefined;
    if (!index.hosts.has(url.hostname.toLowerCase().replace(/^www\./, ''))) return undefined;
    const target =
      idTarget(index, url) ??
      mediaTarget(index, url, !/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(text)) ??
      index.byPath.get(pathKey(url.pathname)) ??
      feedTarget(index, url.pathname);
    return target === undefined ? undefined : `${target}${url.hash}`;
  };
}

/** A post's old comment feed (`/2019/05/03/slug/feed/`) becomes its new one. */
function feedTarget(index: LinkIndex, pathname: string): string | undefined {
  const match = /^(.*\/)feed\/?$/.exec(pathname);
  const post = match ? index.byPath.get(pathKey(match[1]!)) : undefined;
  return post === undefined ? undefined : `${post}feed/`;
}
