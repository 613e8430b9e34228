import { Kysely, type LogConfig, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema.ts';

export function openPostgres(url: string, log?: LogConfig): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle pooled connection can die with the server (a restart, a failover). pg then emits 'error'
  // on the pool, which would crash the process if nobody listened; the pool replaces the connection.
  pool.on('error', (error) => console.error(`samizdat: idle PostgreSQL connection failed: ${error.message}`));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) });
}
