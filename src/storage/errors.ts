import { type Kysely, sql } from 'kysely';
import { ConflictError } from '../core/ports/storage.ts';
import type { SqlDialect } from './dialect.ts';
import type { Database } from './schema.ts';

/** True for a unique-constraint failure from either driver (pg's SQLSTATE, better-sqlite3's code). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = (error as { code: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The text that names the broken constraint: pg's constraint and detail, SQLite's message. */
function violationText(error: unknown): string {
  const e = error as { message?: unknown; constraint?: unknown; detail?: unknown };
  return [e.constraint, e.detail, e.message].filter((part) => typeof part === 'string').join(' ');
}

/**
 * Runs a write that may break a uniqueness rule and turns that into a ConflictError. Inside a
 * PostgreSQL transaction a failed statement poisons the whole transaction, so the write runs under a
 * savepoint: a caller that catches the conflict (to try another slug, say) can carry on. SQLite only
 * undoes the failed statement, so it needs none. (So write sequentially inside a transaction: a
 * rollback to the savepoint would also undo a write issued in parallel with the failed one.)
 */
export async function guardUnique<T>(
  db: Kysely<Database>,
  dialect: SqlDialect,
  whatOf: (constraintText: string) => string,
  write: () => Promise<T>,
): Promise<T> {
  const savepoint = dialect.name === 'postgres' && db.isTransaction;
  if (savepoint) await sql`savepoint samizdat_unique`.execute(db);
  try {
    const result = await write();
    if (savepoint) await sql`release savepoint samizdat_unique`.execute(db);
    return result;
  } catch (error) {
    if (savepoint) await sql`rollback to savepoint samizdat_unique`.execute(db);
    if (isUniqueViolation(error)) throw new ConflictError(whatOf(violationText(error)));
    throw error;
  }
}

/**
 * Runs multi-statement work atomically: in the caller's transaction when there is one (Kysely cannot
 * nest them), otherwise in a new one.
 */
export function atomically<T>(db: Kysely<Database>, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
