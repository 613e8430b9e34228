import { join } from 'node:path';
import { type Kysely, type LogEvent, sql } from 'kysely';
import type { Storage } from '../core/ports/storage.ts';
import type SQLite from 'better-sqlite3';
import { type DialectName, sqlDialect } from './dialect.ts';
import { siteDumps } from './dump/index.ts';
import { migrateToLatest } from './migrations/index.ts';
import { openPostgres } from './postgres/open.ts';
import { createRepositories } from './repositories/index.ts';
import type { Database } from './schema.ts';
import { openSqlite } from './sqlite/open.ts';

export { ConflictError } from '../core/ports/storage.ts';
export { isUniqueViolation } from './errors.ts';
export {
  MigrationError,
  migrateTo,
  migrateToLatest,
  pendingMigrations,
  type MigrationTarget,
} from './migrations/index.ts';
export type { Database } from './schema.ts';
export type { DialectName } from './dialect.ts';

export interface StorageOptions {
  /**
   * Absent or empty: SQLite at `<dataDir>/samizdat.db`. `postgres://…` or `postgresql://…`: PostgreSQL.
   * `:memory:` or `sqlite::memory:`: a private in-memory SQLite database (tests). `sqlite:PATH`: that file.
   */
  databaseUrl?: string | undefined;
  dataDir: string;
  /**
   * Bring the schema up to date on open (handy in tests). Off by default: boot and `samizdat migrate`
   * call `migrateToLatest(storage)` themselves, to report what ran.
   */
  migrate?: boolean;
  /** Told every statement run, with its parameters (tests that EXPLAIN what the pages ask). */
  onQuery?: (sql: string, parameters: readonly unknown[]) => void;
}

/** The storage port on Kysely, with what boot and the CLI need beyond the port. */
export interface SqlStorage extends Storage {
  readonly db: Kysely<Database>;
  /** PostgreSQL's NOTIFY on a channel, through the pool (the signals' PostgreSQL transport sends with it). */
  notify(channel: string, message: string): Promise<void>;
  /**
   * Statements run since the storage was opened. Tests read it around a page to prove the page asks
   * the database a fixed number of times, however many posts or comments it shows (no N+1).
   */
  queryCount(): number;
}

export const SQLITE_FILE_NAME = 'samizdat.db';

function locate(options: StorageOptions): { dialect: DialectName; target: string } {
  const url = options.databaseUrl?.trim() ?? '';
  if (url === '') return { dialect: 'sqlite', target: join(options.dataDir, SQLITE_FILE_NAME) };
  if (url === ':memory:' || url === 'sqlite::memory:') return { dialect: 'sqlite', target: ':memory:' };
  if (url.startsWith('postgres://') || url.startsWith('postgresql://'))
    return { dialect: 'postgres', target: url };
  if (url.startsWith('sqlite:')) return { dialect: 'sqlite', target: url.slice('sqlite:'.length) };
  throw new Error(
    'DATABASE_URL must start with postgres:// or postgresql:// (or be unset, for SQLite in the data folder)',
  );
}

export async function openStorage(options: StorageOptions): Promise<SqlStorage> {
  const { dialect, target } = locate(options);
  const counter = { queries: 0 };
  // Kysely calls this after each statement (errors are logged apart and not counted).
  const { onQuery } = options;
  const log = (event: LogEvent) => {
    if (event.level !== 'query') return;
    counter.queries++;
    onQuery?.(event.query.sql, event.query.parameters);
  };
  const sqlite = dialect === 'sqlite' ? openSqlite(target, log) : undefined;
  const db = sqlite ? sqlite.db : openPostgres(target, log);
  if (options.migrate === true) {
    try {
      await migrateToLatest(db);
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  return createStorage(db, dialect, counter, sqlite?.connection);
}

function createStorage(
  db: Kysely<Database>,
  name: DialectName,
  counter: { queries: number },
  connection?: SQLite.Database,
): SqlStorage {
  const dialect = sqlDialect(name);
  return {
    ...createRepositories(db, dialect),
    dialect: name,
    db,
    dumps: siteDumps(db, dialect, connection),
    // `work` must use the repositories it is given: in SQLite, reaching for the outer storage inside
    // would wait for the one connection the transaction holds, and never get it.
    transaction: (work) => db.transaction().execute((trx) => work(createRepositories(trx, dialect))),
    async notify(channel, message) {
      await sql`select pg_notify(${channel}, ${message})`.execute(db);
    },
    queryCount: () => counter.queries,
    close: () => db.destroy(),
  };
}
