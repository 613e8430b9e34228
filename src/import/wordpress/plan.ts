import type { Repositories } from '../../core/ports/storage.ts';
import { postPath } from '../../core/posts/permalink.ts';
import { note } from './report.ts';
import type { ImportReport } from './report.ts';
import type { PostEntry, Scan } from './scan.ts';
import {
  blogPrefix,
  oldAddresses,
  pathKey,
  pathSpellings,
  siteHosts,
  type LinkIndex,
  type OldBlog,
} from './urls.ts';

/**
 * Between the passes: every post's final slug and new address, decided before anything is written,
 * so a link from the first post to the last one can already point at the last one's new URL; and
 * every old address of every post, so that two items claiming one address are both refused (and
 * reported) rather than the address silently leading to whichever came last.
 */

/** Paths of ours that a post at `/:slug/` must not take. */
const RESERVED = new Set([
  'page', 'tag', 'category', 'author', 'feed', 'comments', 'media', 'assets', 'admin', 'api',
  'healthz', 'sitemap.xml', 'robots.txt', 'feed.json', 'wp-content', 'wp-admin',
]); // prettier-ignore

function reserved(slug: string, prefix: string): boolean {
  // Four digits would be read as a year archive (`/2019/`); the old blog's folder is its home page.
  return RESERVED.has(slug) || /^\d{4}$/.test(slug) || `/${slug}` === prefix;
}

export interface Plan {
  /** WordPress id → the local post an earlier run imported it as. */
  imported: Map<number, number>;
  /** WordPress id → the slug a post not yet imported will get. */
  slugs: Map<number, string>;
  /** WordPress id → the old addresses (with their spellings) that will lead to a new post. */
  addresses: Map<number, string[]>;
  links: LinkIndex;
}

/**
 * Pages first, then posts, each by WordPress id: when a page and a post want one slug, the page keeps
 * it (its old address was exactly `/slug/`; the post's dated address gets a redirect either way).
 */
function byClaim(a: PostEntry, b: PostEntry): number {
  if (a.type !== b.type) return a.type === 'page' ? -1 : 1;
  return a.id - b.id;
}

async function freeSlug(
  storage: Repositories,
  wanted: string,
  taken: Set<string>,
  prefix: string,
): Promise<string> {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const slug = `${wanted.slice(0, 190 - suffix.length)}${suffix}`;
    if (taken.has(slug) || reserved(slug, prefix)) continue;
    if (await storage.posts.findBySlug(slug)) continue;
    return slug;
  }
}

export function oldBlogOf(scan: Scan): OldBlog {
  const hosts = siteHosts(scan.site);
  // The uploads' hosts are the site's own too (WordPress.com serves them from BLOG.files.wordpress.com).
  for (const attachment of scan.attachments.values()) {
    try {
      hosts.add(new URL(attachment.url).hostname.toLowerCase().replace(/^www\./, ''));
    } catch {
      // not a URL: nothing links to it
    }
  }
  return { hosts, prefix: blogPrefix(scan.site) };
}

export async function planPosts(
  storage: Repositories,
  scan: Scan,
  source: string,
  permalink: string,
  report: ImportReport,
): Promise<Plan> {
  const recorded = await storage.imports.all(source, 'post');
  const blog = oldBlogOf(scan);
  const plan: Plan = {
    imported: new Map(),
    slugs: new Map(),
    addresses: new Map(),
    links: {
      origin: originOf(scan),
      blog,
      byPath: new Map(),
      byId: new Map(),
      byAddress: new Map(),
      media: new Map(),
    },
  };
  const taken = new Set<string>();
  for (const [wordpressId, localId] of recorded) {
    const id = Number(wordpressId);
    if (!scan.posts.has(id)) continue;
    plan.imported.set(id, localId);
    // A post the writer deleted since stays deleted, and links to it are left alone.
    const post = await storage.posts.findById(localId);
    if (post) {
      taken.add(post.slug);
      addLink(plan.links, scan.posts.get(id)!, postPath(post, permalink));
    }
  }
  const fresh = [...scan.posts.values()].filter((p) => !plan.imported.has(p.id)).sort(byClaim);
  for (const entry of fresh) {
    const slug = await freeSlug(storage, entry.slug, taken, blog.prefix);
    taken.add(slug);
    plan.slugs.set(entry.id, slug);
    addLink(plan.links, entry, postPath({ ...entry, slug }, permalink));
  }
  // A link to a file's page leads to the post it belongs to, like the page itself.
  for (const file of scan.attachments.values()) {
    const parent = plan.links.byId.get(file.parent);
    if (parent === undefined) continue;
    plan.links.byAddress.set(`${blog.prefix}/?attachment_id=${file.id}`, parent);
    for (const address of oldAddresses(blog, file.link))
      if (!address.includes('?')) plan.links.byPath.set(pathKey(address), parent);
  }
  await claimAddresses(storage, scan, plan, report);
  return plan;
}

/** The addresses WordPress itself gave a post by its id: no other item's link can take them. */
function idAddresses(blog: OldBlog, entry: PostEntry): string[] {
  const p = `${blog.prefix}/?p=${entry.id}`;
  return entry.type === 'page' ? [p, `${blog.prefix}/?page_id=${entry.id}`] : [p];
}

/** Every other old address of one post: its link, its guid on the old blog, its files' pages. */
function linkAddresses(blog: OldBlog, entry: PostEntry, files: Map<number, string[]>): string[] {
  return [
    ...oldAddresses(blog, entry.link),
    ...oldAddresses(blog, entry.guid),
    ...(files.get(entry.id) ?? []),
  ];
}

/**
 * How surely an address is an item's: one our own export recorded as answered by it (2), one
 * WordPress derived from its id, which it never gave to two items (1), one from its link or guid (0).
 */
interface Claim {
  id: number;
  weight: 0 | 1 | 2;
}

/** The one item an address leads to: the surest claim, or undefined when two are equally sure. */
function winner(claims: Claim[]): number | undefined {
  const top = Math.max(...claims.map((c) => c.weight));
  const ids = new Set(claims.filter((c) => c.weight === top).map((c) => c.id));
  return ids.size === 1 ? [...ids][0] : undefined;
}

/**
 * Decides which old addresses lead to which new post. An address two items claim, or one that
 * already leads elsewhere on this site (an earlier import, another post's own path), goes to none
 * of them and is reported: a reader sent to the wrong essay is worse off than one shown a 404.
 */
async function claimAddresses(storage: Repositories, scan: Scan, plan: Plan, report: ImportReport) {
  const blog = plan.links.blog;
  // An attachment's page (`?attachment_id=ID`, or its pretty path) leads to the post it belongs to.
  const files = new Map<number, string[]>();
  for (const file of scan.attachments.values()) {
    if (!scan.posts.has(file.parent)) continue;
    const list = files.get(file.parent) ?? [];
    list.push(...oldAddresses(blog, file.link), `${blog.prefix}/?attachment_id=${file.id}`);
    files.set(file.parent, list);
  }
  const claims = new Map<string, Claim[]>();
  const claim = (address: string, id: number, weight: Claim['weight']) => {
    const list = claims.get(address) ?? [];
    list.push({ id, weight });
    claims.set(address, list);
  };
  for (const entry of scan.posts.values()) {
    if (plan.imported.has(entry.id)) continue;
    for (const address of entry.metaPaths) claim(address, entry.id, 2);
    for (const address of idAddresses(blog, entry)) claim(address, entry.id, 1);
    for (const address of new Set(linkAddresses(blog, entry, files))) claim(address, entry.id, 0);
  }
  const ownPaths = new Map([...plan.links.byId].map(([id, path]) => [pathKey(path), id]));
  const existing = await storage.aliases.claims([...claims.keys()].flatMap((a) => pathSpellings(a)));
  for (const [address, claimants] of claims) {
    const id = winner(claimants);
    const others = [...new Set(claimants.map((c) => c.id))].filter((c) => c !== id);
    if (others.length > 0) {
      const who = claimants.map((c) => `item ${c.id}`);
      if (id === undefined) {
        note(report, CLASH, `${address} (${[...new Set(who)].join(', ')})`);
        continue;
      }
      note(report, CLASH_BY_ID, `${address} (item ${id}; not ${others.map((o) => `item ${o}`).join(', ')})`);
    }
    // The post's own new address needs no alias; another post's is answered by that post.
    const own = address.includes('?') ? undefined : ownPaths.get(pathKey(address));
    if (own === id) continue;
    if (own !== undefined) {
      note(report, TAKEN, `${address} (item ${id}; now item ${own}'s address)`);
      continue;
    }
    const spellings = pathSpellings(address);
    const elsewhere = spellings.map((s) => existing.get(s)).find((t) => t !== undefined);
    if (elsewhere !== undefined) {
      note(report, TAKEN, `${address} (item ${id}; already leads to ${describe(elsewhere)})`);
      continue;
    }
    plan.addresses.set(id!, [...(plan.addresses.get(id!) ?? []), ...spellings]);
  }
}

const CLASH = 'old address claimed by two items or more: it leads to none of them';
const CLASH_BY_ID = 'old address also claimed less surely by another item: it leads to the surer one';
const TAKEN = 'old address already leads elsewhere on this site: not redirected';

function describe(target: { postId: number } | { location: string }): string {
  return 'postId' in target ? `post ${target.postId}` : target.location;
}

function addLink(links: LinkIndex, entry: PostEntry, path: string): void {
  links.byId.set(entry.id, path);
  for (const url of [entry.link, entry.guid]) {
    for (const address of oldAddresses(links.blog, url)) {
      if (!address.includes('?')) links.byPath.set(pathKey(address), path);
    }
  }
  for (const address of entry.metaPaths) if (!address.includes('?')) links.byPath.set(pathKey(address), path);
}

function originOf(scan: Scan): string {
  for (const url of [scan.site.baseBlogUrl, scan.site.link, scan.site.baseSiteUrl]) {
    try {
      return new URL(url).origin;
    } catch {
      // not a URL: try the next
    }
  }
  return 'http://old.invalid';
}
