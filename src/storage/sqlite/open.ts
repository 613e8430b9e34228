import { chmodSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type LogConfig,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import type { Database } from '../schema.ts';

/**
 * Transactions start with BEGIN IMMEDIATE. A plain (deferred) BEGIN takes the write lock only at the
 * first write, and if another process (the worker beside the web server) wrote meanwhile, SQLite
 * fails at once with SQLITE_BUSY instead of waiting out busy_timeout. Taking the lock up front makes
 * concurrent writers queue politely.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** How many prepared statements a database keeps for reuse: more than the code has distinct queries. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares a statement for every query; preparing again a text it ran a moment ago costs more
 * than running it (SQLite parses and plans it each time). So each database keeps its most recently
 * used statements by SQL text, and lets the least recently used go when it holds too many: a text that
 * varies with data (a multi-row insert, an `in (…)` list) costs one preparation, never memory for good.
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(source) {
      let statement = statements.get(source);
      if (statement) {
        statements.delete(source);
      } else {
        statement = database.prepare(source);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      }
      statements.set(source, statement);
      return statement;
    },
  };
}

/**
 * The database holds the site's secret and commenters' emails: readable by its owner only. New files
 * get that from the process's umask (set in boot); a file made by an older version, or copied in
 * with a wider mode, is tightened here, with its WAL and shared-memory files.
 */
function ownerOnly(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(path, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

export interface OpenedSqlite {
  db: Kysely<Database>;
  /** The connection itself, for what Kysely does not do (the online backup). */
  connection: SQLite.Database;
}

/** Opens a SQLite file (its folder created if need be), or an in-memory database for `':memory:'`. */
export function openSqlite(file: string, log?: LogConfig): OpenedSqlite {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  // WAL lets readers keep reading while one writer writes; an in-memory database ignores it.
  // SQLite leaves foreign keys off unless each connection asks; there is one connection.
  database.exec('pragma journal_mode = wal; pragma foreign_keys = on; pragma busy_timeout = 5000');
  if (file !== ':memory:') ownerOnly(file);
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }),
    ...(log ? { log } : {}),
  });
  return { db, connection: database };
}

/**
 * A copy of the database as it is now, made by SQLite's online backup while other connections (the
 * server in another process) keep reading and writing, then opened for `work` and removed. The copy
 * goes to a private folder beside the database (an in-memory one: the system's temporary folder).
 * All pages are copied in one step: a backup in small steps starts over whenever another connection
 * writes in between, which on a busy site could be for ever; in WAL mode one step blocks no writer.
 */
export async function withSqliteSnapshot<T>(
  connection: SQLite.Database,
  work: (db: Kysely<unknown>) => Promise<T>,
): Promise<T> {
  const file = connection.memory ? undefined : connection.name;
  const folder = await mkdtemp(join(file ? dirname(file) : tmpdir(), '.snapshot-'));
  try {
    const copy = join(folder, 'snapshot.db');
    await connection.backup(copy, { progress: () => 0x7fffffff });
    const database = new SQLite(copy);
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database }) });
    try {
      return await work(db);
    } finally {
      await db.destroy();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
