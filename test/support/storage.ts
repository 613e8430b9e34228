import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage, type SqlStorage } from '../../src/storage/index.ts';
import { freshPostgresDatabase } from './postgres.ts';
import type { Dialect } from './site.ts';

export interface SharedDatabase {
  /** DATABASE_URL for another connection or process (a SQLite file, or a PostgreSQL database). */
  url: string;
  /** A new, migrated storage on the database: one per simulated instance. */
  open(): Promise<SqlStorage>;
  /** Closes every storage opened and removes the database. */
  close(): Promise<void>;
}

/** A migrated database that several storages (instances, worker processes) can open at once. */
export async function sharedDatabase(dialect: Dialect): Promise<SharedDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'samizdat-shared-'));
  const database = dialect === 'postgres' ? await freshPostgresDatabase() : undefined;
  if (database && 'skip' in database) throw new Error(database.skip);
  const url = database ? database.url : `sqlite:${join(dir, 'samizdat.db')}`;
  const opened: SqlStorage[] = [];
  return {
    url,
    async open() {
      const storage = await openStorage({ databaseUrl: url, dataDir: dir, migrate: true });
      opened.push(storage);
      return storage;
    },
    async close() {
      for (const storage of opened.splice(0)) await storage.close().catch(() => {});
      if (database && 'drop' in database) await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
