import type { Kysely } from 'kysely';
import { type Migration, type MigrationResult, Migrator } from 'kysely/migration';
import { initial } from './0001-initial.ts';
import { search } from './0002-search.ts';
import { importMap } from './0003-import.ts';
import { jobs } from './0004-jobs.ts';
import { readingAtScale } from './0005-reading-at-scale.ts';
import { oldAddresses } from './0009-old-addresses.ts';
import { subscriptions } from './0010-subscriptions.ts';

/**
 * Every migration, by name, in code rather than found by scanning a folder: the list is the same from
 * any working directory and in any bundle. Names sort in the order they run; never rename or edit one
 * that has shipped, add a new one.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': initial,
  '0002_search': search,
  '0003_import': importMap,
  '0004_jobs': jobs,
  '0005_reading_at_scale': readingAtScale,
  '0009_old_addresses': oldAddresses,
  '0010_subscriptions': subscriptions,
};

/**
 * A migration failed. Both databases have transactional DDL and Kysely runs the batch in one
 * transaction, so nothing of the batch stays applied.
 */
export class MigrationError extends Error {
  /** The migration that failed; undefined when the failure came before any ran (the lock, say). */
  readonly failed: string | undefined;
  constructor(failed: string | undefined, cause: unknown) {
    super(
      `migration ${failed ?? '(setup)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'MigrationError';
    this.failed = failed;
  }
}

/** A Kysely instance, or an opened storage (which carries one). */
export type MigrationTarget<DB> = Kysely<DB> | { readonly db: Kysely<DB> };

function migrator<DB>(target: MigrationTarget<DB>): Migrator {
  const db = 'db' in target ? target.db : target;
  return new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
}

/**
 * Brings the schema up to date and returns the names of the migrations it applied, in order (empty
 * when the schema was current). Used at start and by `samizdat migrate`. Kysely takes a lock, so
 * instances starting together against one PostgreSQL database do not race.
 */
export async function migrateToLatest<DB>(target: MigrationTarget<DB>): Promise<string[]> {
  const { error, results = [] } = await migrator(target).migrateToLatest();
  if (error !== undefined) {
    throw new MigrationError(
      results.find((r: MigrationResult) => r.status === 'Error')?.migrationName,
      error,
    );
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Brings the schema to exactly this migration, down as well as up (a restore writes an older
 * backup's rows into the schema they were written under, then migrates them as the site would).
 */
export async function migrateTo<DB>(target: MigrationTarget<DB>, name: string): Promise<void> {
  const { error, results = [] } = await migrator(target).migrateTo(name);
  if (error !== undefined) {
    throw new MigrationError(
      results.find((r: MigrationResult) => r.status === 'Error')?.migrationName,
      error,
    );
  }
}

/** Migrations known to this build that the database has not run yet (for `samizdat doctor`). */
export async function pendingMigrations<DB>(target: MigrationTarget<DB>): Promise<string[]> {
  const all = await migrator(target).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
