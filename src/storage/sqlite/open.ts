import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
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

/**
 * better-sqlite3 objects the process must never let the garbage collector reclaim.
 *
 * Node 24.19 changed `node::ObjectWrap` (a header compiled into native addons) so that its destructor
 * asserts a JavaScript context is entered. V8 often reclaims objects when none is, so an addon built
 * against those headers aborts the whole process (SIGABRT, "Assertion failed: (env) != nullptr")
 * soon after one of its Database or Statement objects becomes garbage: nodejs/node#65446. Kysely
 * prepares a fresh statement for every query, so the server would die within minutes.
 *
 * Until a fixed Node or better-sqlite3 ships, nothing from better-sqlite3 becomes garbage: each SQL
 * text is prepared once and reused (which is also faster), and databases and their statements stay
 * referenced from here after they close. The set of SQL texts is bounded (the code's queries, times
 * the lengths of `in (…)` lists), and a process opens one database outside tests.
 */
const pinned: unknown[] = [];

function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  pinned.push(database, statements);
  return {
    close: () => database.close(),
    prepare(source) {
      let statement = statements.get(source);
      if (!statement) {
        statement = database.prepare(source);
        statements.set(source, statement);
      }
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

/** Opens a SQLite file (its folder created if need be), or an in-memory database for `':memory:'`. */
export function openSqlite(file: string): Kysely<Database> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  // exec() rather than pragma(): pragma() prepares a statement and drops it (see `pinned`).
  // WAL lets readers keep reading while one writer writes; an in-memory database ignores it.
  // SQLite leaves foreign keys off unless each connection asks; there is one connection.
  database.exec('pragma journal_mode = wal; pragma foreign_keys = on; pragma busy_timeout = 5000');
  if (file !== ':memory:') ownerOnly(file);
  return new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }),
  });
}
