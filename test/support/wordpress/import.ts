import type { TestSite } from '../site.ts';
import type { SqlStorage } from '../../../src/storage/index.ts';
import type { ImportDeps } from '../../../src/import/wordpress/import.ts';

/** For tests: what `importWordpress` needs, from a test site. */
export function importDeps(t: TestSite): ImportDeps {
  return {
    storage: t.site.core.storage,
    formatter: t.site.core.formatter,
    images: t.site.images,
    clock: t.site.core.clock,
    secret: t.site.secret,
  };
}

const TABLES = [
  'posts',
  'comments',
  'users',
  'terms',
  'post_terms',
  'media',
  'aliases',
  'redirects',
  'old_prefixes',
  'import_map',
] as const;

/**
 * For tests: row counts of every table an import writes, and the newest post update. Equal
 * snapshots before and after mean the import changed nothing.
 */
export async function snapshot(storage: SqlStorage): Promise<Record<string, number | null>> {
  const out: Record<string, number | null> = {};
  for (const table of TABLES) {
    const row = await storage.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  const newest = await storage.db
    .selectFrom('posts')
    .select((eb) => eb.fn.max('updated_at').as('at'))
    .executeTakeFirst();
  out.updatedAt = newest?.at === null || newest?.at === undefined ? null : new Date(newest.at).getTime();
  return out;
}
