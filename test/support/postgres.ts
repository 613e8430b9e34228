import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/storage/schema.ts';

/**
 * Throwaway PostgreSQL databases for tests (storage, http, browser). Each test file gets its own
 * database, so files run in parallel without seeing each other's rows.
 */

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A URL with rights to create databases; `SAMIZDAT_TEST_POSTGRES_URL` overrides the local default. */
export function postgresAdminUrl(): string {
  return process.env.SAMIZDAT_TEST_POSTGRES_URL || DEFAULT_ADMIN_URL;
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl(), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function unreachable(error: unknown): string {
  const detail = error instanceof Error ? error.message || error.name : String(error);
  return `PostgreSQL at ${withoutPassword(postgresAdminUrl())} is unreachable or refused (${detail})`;
}

export type PostgresAvailability = { available: true } | { available: false; reason: string };

/**
 * Can PostgreSQL tests run here? Locally, an unreachable server skips them with a warning saying
 * why. In CI (`CI` set) it throws: a pipeline that silently skipped half the database tests would
 * pass while proving nothing. Call at the top of a test file and feed `describe.skipIf`.
 */
export async function postgresAvailability(): Promise<PostgresAvailability> {
  try {
    await withAdmin((client) => client.query('select 1'));
    return { available: true };
  } catch (error) {
    const reason = unreachable(error);
    if (process.env.CI) throw new Error(`${reason}; CI must run the PostgreSQL tests`, { cause: error });
    console.warn(
      `Skipping PostgreSQL tests: ${reason}. Set SAMIZDAT_TEST_POSTGRES_URL to use another server.`,
    );
    return { available: false, reason };
  }
}

export interface TestDatabase {
  readonly name: string;
  /** Connection URL for the new database. */
  readonly url: string;
  /** Drops it, closing anything still connected. */
  drop(): Promise<void>;
}

/** Creates an empty, uniquely named database (not migrated). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `samizdat_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`create database ${name}`));
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      withAdmin((client) => client.query(`drop database if exists ${name} with (force)`)).then(
        () => undefined,
      ),
  };
}

/**
 * A fresh database, or why there cannot be one: `{ skip: reason }` locally when PostgreSQL is out of
 * reach. In CI it throws instead, for the reason given at `postgresAvailability`.
 */
export async function freshPostgresDatabase(): Promise<TestDatabase | { skip: string }> {
  try {
    return await createTestDatabase();
  } catch (error) {
    const reason = unreachable(error);
    if (process.env.CI) throw new Error(`${reason}; CI must run the PostgreSQL tests`, { cause: error });
    return { skip: reason };
  }
}

/** Empties every table and restarts ids, so each test starts from a fresh, migrated database. */
export async function truncateAll(db: Kysely<Database>): Promise<void> {
  // Every table the migrations made, read from the database, so a new migration's tables are never missed.
  const tables = (await db.introspection.getTables())
    .map((t) => t.name)
    .filter((n) => !n.startsWith('kysely_'));
  await sql`truncate table ${sql.join(tables.map((t) => sql.table(t)))} restart identity cascade`.execute(db);
}
