import type { Redirect, Repositories } from '../../core/ports/storage.ts';
import { slugify } from '../../core/posts/slug.ts';
import type { Plan } from './plan.ts';
import { note, type ImportReport } from './report.ts';
import type { Scan } from './scan.ts';
import { oldAddresses, pathSpellings, uploadPath } from './urls.ts';

/**
 * The old blog's addresses that name something other than a post: a category by its id
 * (`?cat=ID`) or by its nested path (`/category/parent/child/`), an author by id (`?author=ID`),
 * and the page of a file that belongs to no imported post (to the file itself). Decided after the
 * media and the authors are in, written before the posts; their links in posts are rewritten too.
 */

interface RedirectContext {
  storage: Repositories;
  scan: Scan;
  plan: Plan;
  report: ImportReport;
  /** WordPress login → local user id. */
  authors: Map<string, number>;
}

const segment = (slug: string) => encodeURIComponent(slug);

/** A category's path in WordPress, parents first (`parent/child`), or undefined for a loop. */
function categoryChain(scan: Scan, slug: string): string[] | undefined {
  const chain: string[] = [];
  for (let at = scan.categories.get(slug); at; at = scan.categories.get(at.parentSlug)) {
    if (chain.includes(at.slug)) return undefined;
    chain.unshift(at.slug);
    if (!at.parentSlug) break;
  }
  return chain;
}

async function wanted(ctx: RedirectContext): Promise<Redirect[]> {
  const { scan, plan } = ctx;
  const { prefix } = plan.links.blog;
  const out: Redirect[] = [];
  for (const category of scan.categories.values()) {
    const location = `/category/${segment(category.slug)}/`;
    if (category.id !== null) out.push({ path: `${prefix}/?cat=${category.id}`, location });
    const chain = categoryChain(scan, category.slug);
    if (chain && chain.length > 1) {
      const path = `/category/${chain.map(segment).join('/')}/`;
      out.push({ path: `${prefix}${path}`, location });
      if (prefix !== '') out.push({ path, location });
    }
  }
  for (const author of scan.authors) {
    const userId = ctx.authors.get(author.login);
    if (author.id === null || userId === undefined) continue;
    // A dry run's new users have no row (a negative id): their login is the one they would get.
    const login = userId < 0 ? slugify(author.login) : (await ctx.storage.users.findById(userId))?.login;
    if (login) out.push({ path: `${prefix}/?author=${author.id}`, location: `/author/${segment(login)}/` });
  }
  for (const file of scan.attachments.values()) {
    if (scan.posts.has(file.parent)) continue; // its page leads to its post (plan.ts)
    let upload: string | undefined;
    try {
      upload = uploadPath(new URL(file.url));
    } catch {
      upload = undefined;
    }
    // Files in the media library (this run's or an earlier one's) are in the link index by upload path.
    const location = upload === undefined ? undefined : plan.links.media.get(upload);
    if (!location) continue;
    for (const path of [`${prefix}/?attachment_id=${file.id}`, ...oldAddresses(plan.links.blog, file.link)])
      out.push({ path, location });
  }
  return out;
}

/**
 * The redirects to write, each address once: one that an item of this export or an earlier import
 * already claims for something else is reported and left as it is.
 */
export async function planRedirects(ctx: RedirectContext): Promise<Redirect[]> {
  const byPosts = new Set([...ctx.plan.addresses.values()].flat());
  const candidates = new Map<string, string | null>();
  for (const { path, location } of await wanted(ctx)) {
    for (const spelling of pathSpellings(path)) {
      const before = candidates.get(spelling);
      candidates.set(spelling, before === undefined || before === location ? location : null);
    }
  }
  const existing = await ctx.storage.aliases.claims([...candidates.keys()]);
  const out: Redirect[] = [];
  for (const [path, location] of candidates) {
    const there = existing.get(path);
    if (there && 'location' in there && there.location === location) {
      ctx.plan.links.byAddress.set(path, location);
      continue;
    }
    if (location === null || byPosts.has(path) || there) {
      note(ctx.report, 'old address claimed by two items or more: it leads to none of them', path);
      continue;
    }
    ctx.plan.links.byAddress.set(path, location);
    out.push({ path, location });
  }
  ctx.report.imported.aliases += out.length;
  return out;
}
