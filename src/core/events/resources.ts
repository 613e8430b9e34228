/**
 * The public things a change can make stale, each with a string key usable as a Cache-Tag value
 * (no spaces or commas). A rendered page records the keys of what it shows (`pageTags`); an event
 * names the keys it makes stale (`affects`); the page cache forgets every page recording one of them.
 */
export type Resource =
  /** The page of a post or page, with its discussion: `post:12`. */
  | { kind: 'post'; id: number }
  /** Every page showing this post as a listing entry (title, excerpt, comment count): `summary:12`. */
  | { kind: 'summary'; id: number }
  /** Every page linking this post by title only, as previous, next or related: `links:12`. */
  | { kind: 'links'; id: number }
  /**
   * The pages of the public posts next to this one now (their previous/next point at it). Not a tag a
   * page records: the consumer resolves it after the change, through the discovery port's `adjacent`,
   * into `post:` keys. `neighbours:12`.
   */
  | { kind: 'neighbours'; id: number }
  /** Every post page whose related posts were drawn from this tag: `related:7`. */
  | { kind: 'related'; termId: number }
  /** Every page showing this term's name (a post's tags, a listing's heading): `term:7`. */
  | { kind: 'term'; id: number }
  /** Every page showing this user's name or bio (bylines, the author page): `user:3`. */
  | { kind: 'user'; id: number }
  /** All pages of the home listing (`/`, `/page/N/`): `home`. */
  | { kind: 'home' }
  /** All pages of a tag's, category's or author's listing: `tag:7`, `category:2`, `author:3`. */
  | { kind: 'listing'; what: 'tag' | 'category' | 'author'; id: number }
  /** A date archive (UTC, as the reader's routes read it): `archive:2024`, `archive:2024-03`, `archive:2024-03-05`. */
  | { kind: 'archive'; year: number; month?: number; day?: number }
  /**
   * A feed: the site's posts (`feed:site`, in every format), the site's comments (`feed:comments`),
   * one post's comments (`feed:post:12`), a tag's, category's or author's posts (`feed:tag:7`).
   */
  | { kind: 'feed'; what: 'site' | 'comments' }
  | { kind: 'feed'; what: 'post' | 'tag' | 'category' | 'author'; id: number }
  | { kind: 'sitemap' }
  /** Search results (`/?s=`): any public text changed. */
  | { kind: 'search' }
  /** Every public page (a setting every page shows, like the site's title or language). */
  | { kind: 'site' };

const pad = (n: number) => String(n).padStart(2, '0');

export function resourceKey(resource: Resource): string {
  switch (resource.kind) {
    case 'post':
    case 'summary':
    case 'links':
    case 'neighbours':
    case 'term':
    case 'user':
      return `${resource.kind}:${resource.id}`;
    case 'related':
      return `related:${resource.termId}`;
    case 'listing':
      return `${resource.what}:${resource.id}`;
    case 'archive':
      return `archive:${resource.year}${resource.month ? `-${pad(resource.month)}` : ''}${resource.day ? `-${pad(resource.day)}` : ''}`;
    case 'feed':
      return 'id' in resource ? `feed:${resource.what}:${resource.id}` : `feed:${resource.what}`;
    case 'home':
    case 'sitemap':
    case 'search':
    case 'site':
      return resource.kind;
  }
}

/** What a rendered page shows, as far as its freshness goes; each list holds ids. */
export interface PageContents {
  /** The page itself: `post`, a listing, `home`, an archive, a feed, `sitemap`, `search`. */
  self: Resource;
  /** Posts shown as listing entries or feed items. */
  summaries?: readonly number[];
  /** Posts linked by title: previous, next, related. */
  links?: readonly number[];
  /** The tags a post page's related posts were drawn from (the post's own tags). */
  relatedFrom?: readonly number[];
  /** Terms whose names the page shows. */
  terms?: readonly number[];
  /** Users whose names the page shows. */
  users?: readonly number[];
}

/**
 * The dependency tags a page records when it is rendered (sent as its Cache-Tag header and kept with
 * the cached copy): what it is and everything it shows. Every page carries `site`.
 */
export function pageTags(page: PageContents): string[] {
  const keys = [
    resourceKey(page.self),
    ...(page.summaries ?? []).map((id) => resourceKey({ kind: 'summary', id })),
    ...(page.links ?? []).map((id) => resourceKey({ kind: 'links', id })),
    ...(page.relatedFrom ?? []).map((termId) => resourceKey({ kind: 'related', termId })),
    ...(page.terms ?? []).map((id) => resourceKey({ kind: 'term', id })),
    ...(page.users ?? []).map((id) => resourceKey({ kind: 'user', id })),
    'site',
  ];
  return [...new Set(keys)];
}
