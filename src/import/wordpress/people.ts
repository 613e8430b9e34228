import { cleanName } from '../../core/comments/validate.ts';
import type { Storage } from '../../core/ports/storage.ts';
import { slugify } from '../../core/posts/slug.ts';
import type { Taxonomy } from '../../core/site/terms.ts';
import type { User } from '../../core/users/user.ts';
import type { WxrAuthor } from '../wxr/types.ts';
import { note, type ImportReport } from './report.ts';
import type { Scan, TermEntry } from './scan.ts';
import { plainText } from './text.ts';

/**
 * Authors and terms, written before the posts that name them. Each author is one transaction with
 * its import record; terms are idempotent by taxonomy and slug, so a re-run finds them again.
 */

export interface WriteContext {
  storage: Storage;
  source: string;
  report: ImportReport;
  dryRun: boolean;
}

/** Ids given to what a dry run would create: negative, so they can never be mistaken for rows. */
let dryId = 0;
const nextDryId = () => --dryId;

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

/** An author's local user id: recorded by an earlier run, an existing user, or a new one. */
async function importAuthor(ctx: WriteContext, author: WxrAuthor): Promise<number> {
  const { storage, source, report } = ctx;
  const recorded = await storage.imports.find(source, 'author', author.login);
  if (recorded !== undefined) {
    report.alreadyImported.authors++;
    return recorded;
  }
  const login = slugify(author.login) || `author-${author.id ?? 0}`;
  const existing = await findUser(ctx, author, login);
  if (existing) report.matchedAuthors++;
  else report.imported.authors++;
  if (ctx.dryRun) return existing?.id ?? nextDryId();
  return storage.transaction(async (tx) => {
    const user =
      existing ??
      (await tx.users.create({
        login,
        email: author.email,
        displayName:
          cleanName(plainText(author.displayName)) ||
          cleanName(plainText(`${author.firstName} ${author.lastName}`)) ||
          login,
        bio: '',
        role: 'author',
        passwordHash: null,
      }));
    await tx.imports.record(source, [{ kind: 'author', sourceId: author.login, localId: user.id }]);
    return user.id;
  });
}

/** WordPress login → local user id, for every listed author and every `dc:creator`. */
export async function importAuthors(ctx: WriteContext, scan: Scan): Promise<Map<string, number>> {
  const byLogin = new Map<string, number>();
  const listed = new Map(scan.authors.map((a) => [a.login, a]));
  for (const login of new Set([...listed.keys(), ...scan.creators])) {
    if (!login) continue;
    byLogin.set(login, await importAuthor(ctx, authorOf(login, listed.get(login))));
  }
  return byLogin;
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
  return importAuthor(ctx, authorOf('wordpress', undefined));
}

type TermIndex = Map<string, number>;
export const termKey = (taxonomy: Taxonomy, slug: string) => `${taxonomy}/${slug}`;

async function ensureTerm(
  ctx: WriteContext,
  taxonomy: Taxonomy,
  entry: TermEntry,
  parentId: number | null,
): Promise<number> {
  const { storage, source, report } = ctx;
  const key = termKey(taxonomy, entry.slug);
  const recorded = await storage.imports.find(source, 'term', key);
  if (recorded !== undefined) return recorded;
  report.imported[taxonomy === 'tag' ? 'tags' : 'categories']++;
  if (ctx.dryRun) return (await storage.terms.findBySlug(taxonomy, entry.slug))?.id ?? nextDryId();
  return storage.transaction(async (tx) => {
    const term = await tx.terms.ensure({
      taxonomy,
      slug: entry.slug,
      name: entry.name || entry.slug,
      parentId,
      description: entry.description,
    });
    await tx.imports.record(source, [{ kind: 'term', sourceId: key, localId: term.id }]);
    return term.id;
  });
}

/** Categories parents first (WXR names a parent by slug, maybe further down the file), then tags. */
export async function importTerms(ctx: WriteContext, scan: Scan): Promise<TermIndex> {
  const index: TermIndex = new Map();
  const visiting = new Set<string>();
  const category = async (slug: string): Promise<number | null> => {
    const entry = scan.categories.get(slug);
    if (!entry) return null;
    const known = index.get(termKey('category', slug));
    if (known !== undefined) return known;
    if (visiting.has(slug)) {
      note(ctx.report, 'a category is its own ancestor: the loop was cut at it', slug);
      return null;
    }
    visiting.add(slug);
    const parent = entry.parentSlug && entry.parentSlug !== slug ? await category(entry.parentSlug) : null;
    const id = await ensureTerm(ctx, 'category', entry, parent);
    index.set(termKey('category', slug), id);
    return id;
  };
  for (const slug of scan.categories.keys()) await category(slug);
  for (const entry of scan.tags.values())
    index.set(termKey('tag', entry.slug), await ensureTerm(ctx, 'tag', entry, null));
  return index;
}
