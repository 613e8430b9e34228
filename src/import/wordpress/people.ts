import { cleanName } from '../../core/comments/validate.ts';
import type { ImportedAuthor, ImportedTerm } from '../../core/imports/batch.ts';
import type { Storage } from '../../core/ports/storage.ts';
import type { ImportTarget } from './target.ts';
import { slugify } from '../../core/posts/slug.ts';
import type { Taxonomy } from '../../core/site/terms.ts';
import type { User } from '../../core/users/user.ts';
import type { WxrAuthor } from '../wxr/types.ts';
import { note, type ImportReport } from './report.ts';
import type { Scan, TermEntry } from './scan.ts';
import { plainText } from './text.ts';

/**
 * Authors and terms, written before the posts that name them: what an earlier run recorded is
 * reused, the rest goes to the target in one batch (terms are found again by taxonomy and slug).
 */

export interface WriteContext {
  /** For reading only: what is there already. */
  storage: Storage;
  source: string;
  report: ImportReport;
  /** Where writes go: the site, or nowhere in a dry run. */
  target: ImportTarget;
}

function authorOf(login: string, listed: WxrAuthor | undefined): WxrAuthor {
  return listed ?? { id: null, login, email: '', displayName: login, firstName: '', lastName: '' };
}

async function findUser(ctx: WriteContext, author: WxrAuthor, login: string): Promise<User | undefined> {
  const { users } = ctx.storage;
  return (
    (await users.findByLogin(author.login)) ??
    (await users.findByLogin(login)) ??
    (author.email ? await users.findByEmail(author.email) : undefined)
  );
}

/** An author's local user id if an earlier run recorded it, else the user to match or create. */
async function planAuthor(ctx: WriteContext, author: WxrAuthor): Promise<number | ImportedAuthor> {
  const { storage, source, report } = ctx;
  const recorded = await storage.imports.find(source, 'author', author.login);
  if (recorded !== undefined) {
    report.alreadyImported.authors++;
    return recorded;
  }
  const login = slugify(author.login) || `author-${author.id ?? 0}`;
  const existing = await findUser(ctx, author, login);
  if (existing) {
    report.matchedAuthors++;
    return { login: author.login, userId: existing.id };
  }
  report.imported.authors++;
  return {
    login: author.login,
    user: {
      login,
      email: author.email,
      displayName:
        cleanName(plainText(author.displayName)) ||
        cleanName(plainText(`${author.firstName} ${author.lastName}`)) ||
        login,
      bio: '',
      role: 'author',
      passwordHash: null,
    },
  };
}

/**
 * WordPress login → local user id, for each of these authors. One write each: two logins WordPress
 * told apart may make one login here, and the second then finds the user the first created.
 */
async function importAuthorList(ctx: WriteContext, authors: WxrAuthor[]): Promise<Map<string, number>> {
  const byLogin = new Map<string, number>();
  for (const author of authors) {
    const planned = await planAuthor(ctx, author);
    if (typeof planned === 'number') byLogin.set(author.login, planned);
    else byLogin.set(author.login, (await ctx.target.people(ctx.source, [planned], [])).userIds[0]!);
  }
  return byLogin;
}

/** WordPress login → local user id, for every listed author and every `dc:creator`. */
export async function importAuthors(ctx: WriteContext, scan: Scan): Promise<Map<string, number>> {
  const listed = new Map(scan.authors.map((a) => [a.login, a]));
  const logins = [...new Set([...listed.keys(), ...scan.creators])].filter((login) => login !== '');
  const byLogin = await importAuthorList(
    ctx,
    logins.map((login) => authorOf(login, listed.get(login))),
  );
  // In the order WordPress lists them: the first is who writes a post with no known creator.
  return new Map(logins.map((login) => [login, byLogin.get(login)!]));
}

/**
 * Who wrote a post with no known creator: the site's owner, else its first user, else a user made
 * for the import (an export of a single-author blog may name no one).
 */
export async function fallbackAuthor(ctx: WriteContext, authors: Map<string, number>): Promise<number> {
  const first = authors.values().next().value;
  if (first !== undefined) return first;
  const users = await ctx.storage.users.list();
  const user = users.find((u) => u.role === 'owner') ?? users[0];
  if (user) return user.id;
  return (await importAuthorList(ctx, [authorOf('wordpress', undefined)])).get('wordpress')!;
}

type TermIndex = Map<string, number>;
export const termKey = (taxonomy: Taxonomy, slug: string) => `${taxonomy}/${slug}`;

/** Terms an earlier run recorded (key → id), and the rest to write in order, parents first. */
interface TermPlan {
  recorded: TermIndex;
  pending: ImportedTerm[];
  /** The key of each pending term, by position. */
  keys: string[];
}

async function planTerm(
  ctx: WriteContext,
  plan: TermPlan,
  taxonomy: Taxonomy,
  entry: TermEntry,
  parent: ImportedTerm['parent'],
): Promise<ImportedTerm['parent']> {
  const key = termKey(taxonomy, entry.slug);
  const recorded = await ctx.storage.imports.find(ctx.source, 'term', key);
  if (recorded !== undefined) {
    plan.recorded.set(key, recorded);
    return { id: recorded };
  }
  ctx.report.imported[taxonomy === 'tag' ? 'tags' : 'categories']++;
  plan.pending.push({
    sourceId: key,
    term: { taxonomy, slug: entry.slug, name: entry.name || entry.slug, description: entry.description },
    parent,
  });
  plan.keys.push(key);
  return { index: plan.pending.length - 1 };
}

/** Categories parents first (WXR names a parent by slug, maybe further down the file), then tags. */
export async function importTerms(ctx: WriteContext, scan: Scan): Promise<TermIndex> {
  const plan: TermPlan = { recorded: new Map(), pending: [], keys: [] };
  const placed = new Map<string, ImportedTerm['parent']>();
  const visiting = new Set<string>();
  const category = async (slug: string): Promise<ImportedTerm['parent']> => {
    const entry = scan.categories.get(slug);
    if (!entry) return null;
    const known = placed.get(slug);
    if (known !== undefined) return known;
    if (visiting.has(slug)) {
      note(ctx.report, 'a category is its own ancestor: the loop was cut at it', slug);
      return null;
    }
    visiting.add(slug);
    const parent = entry.parentSlug && entry.parentSlug !== slug ? await category(entry.parentSlug) : null;
    const ref = await planTerm(ctx, plan, 'category', entry, parent);
    placed.set(slug, ref);
    return ref;
  };
  for (const slug of scan.categories.keys()) await category(slug);
  for (const entry of scan.tags.values()) await planTerm(ctx, plan, 'tag', entry, null);
  const { termIds } = await ctx.target.people(ctx.source, [], plan.pending);
  const index: TermIndex = new Map(plan.recorded);
  plan.keys.forEach((key, i) => index.set(key, termIds[i]!));
  return index;
}
