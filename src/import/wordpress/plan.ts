import type { Repositories } from '../../core/ports/storage.ts';
import { postPath } from '../../core/posts/permalink.ts';
import type { PostEntry, Scan } from './scan.ts';
import { pathKey, siteHosts, type LinkIndex } from './urls.ts';

/**
 * Between the passes: every post's final slug and new address, decided before anything is written,
 * so a link from the first post to the last one can already point at the last one's new URL.
 */

/** Paths of ours that a post at `/:slug/` must not take. */
const RESERVED = new Set([
  'page', 'tag', 'category', 'author', 'feed', 'comments', 'media', 'assets', 'admin', 'api',
  'healthz', 'sitemap.xml', 'robots.txt', 'feed.json', 'wp-content', 'wp-admin',
]); // prettier-ignore

function reserved(slug: string): boolean {
  // Four digits would be read as a year archive (`/2019/`).
  return RESERVED.has(slug) || /^\d{4}$/.test(slug);
}

export interface Plan {
  /** WordPress id → the local post an earlier run imported it as. */
  imported: Map<number, number>;
  /** WordPress id → the slug a post not yet imported will get. */
  slugs: Map<number, string>;
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

async function freeSlug(storage: Repositories, wanted: string, taken: Set<string>): Promise<string> {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const slug = `${wanted.slice(0, 190 - suffix.length)}${suffix}`;
    if (taken.has(slug) || reserved(slug)) continue;
    if (await storage.posts.findBySlug(slug)) continue;
    return slug;
  }
}

export async function planPosts(
  storage: Repositories,
  scan: Scan,
  source: string,
  permalink: string,
): Promise<Plan> {
  const recorded = await storage.imports.all(source, 'post');
  const plan: Plan = {
    imported: new Map(),
    slugs: new Map(),
    links: {
      origin: originOf(scan),
      hosts: siteHosts(scan.site),
      byPath: new Map(),
      byId: new Map(),
      media: new Map(),
    },
  };
  // The uploads' hosts are the site's own too (WordPress.com serves them from BLOG.files.wordpress.com).
  for (const attachment of scan.attachments.values()) {
    try {
      plan.links.hosts.add(new URL(attachment.url).hostname.toLowerCase().replace(/^www\./, ''));
    } catch {
      // not a URL: nothing links to it
    }
  }
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
    const slug = await freeSlug(storage, entry.slug, taken);
    taken.add(slug);
    plan.slugs.set(entry.id, slug);
    addLink(plan.links, entry, postPath({ ...entry, slug }, permalink));
  }
  return plan;
}

function addLink(links: LinkIndex, entry: PostEntry, path: string): void {
  links.byId.set(entry.id, path);
  if (entry.oldPath) links.byPath.set(pathKey(entry.oldPath), path);
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
