import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { runSqlContract } from '../contract/sql.contract.ts';
import { runStorageContract } from '../contract/storage.contract.ts';
import { newUser } from '../contract/fixtures.ts';
import { openStorage, type SqlStorage } from '../index.ts';

const memory = () => openStorage({ databaseUrl: ':memory:', dataDir: '', migrate: true });

runStorageContract('sqlite (in memory)', memory);
runSqlContract('sqlite', () => openStorage({ databaseUrl: 'sqlite::memory:', dataDir: '' }));

describe('SQLite file storage', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'samizdat-storage-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  };
  const open = async (dataDir: string) => {
    const storage = await openStorage({ dataDir, migrate: true });
    cleanups.unshift(() => storage.close());
    return storage;
  };
  const pragma = async (storage: SqlStorage, name: string) => {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.raw(`pragma_${name}`)}`.execute(
      storage.db,
    );
    return Object.values(rows[0] ?? {})[0];
  };

  it('creates the data folder and samizdat.db, in WAL mode with foreign keys and a busy timeout', async () => {
    const dataDir = join(await tempDir(), 'nested', 'data');
    const storage = await open(dataDir);
    expect(storage.dialect).toBe('sqlite');
    expect(existsSync(join(dataDir, 'samizdat.db'))).toBe(true);
    expect(await pragma(storage, 'journal_mode')).toBe('wal');
    expect(await pragma(storage, 'foreign_keys')).toBe(1);
    expect(await pragma(storage, 'busy_timeout')).toBe(5000);
  });

  it('keeps what was written across a close and a reopen', async () => {
    const dataDir = await tempDir();
    const first = await openStorage({ dataDir, migrate: true });
    const user = await first.users.create(newUser({ displayName: 'Әлия' }));
    await first.close();
    const second = await open(dataDir);
    expect(await second.users.findById(user.id)).toEqual(user);
  });

  // better-sqlite3 12 and older abort the process on Node 24.19 to 24.21 (nodejs/node#65446) when the
  // garbage collector, running between tasks, finalises a statement or a database (ADR 0008). A fresh
  // SQL text per query outruns the statement cache, so statements become garbage all along.
  it('survives the garbage collector finalising statements and databases', async () => {
    const storage = await open(await tempDir());
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 300; i++) {
        const n = round * 300 + i;
        const { rows } = await sql<{ n: number }>`select ${sql.lit(n)} as n`.execute(storage.db);
        expect(rows[0]?.n).toBe(n);
      }
      if (round % 10 === 0) await (await memory()).close();
      await new Promise((resolve) => setImmediate(resolve));
      const junk = Array.from({ length: 2000 }, (_, i) => ({ filler: new Array(50).fill(i) }));
      expect(junk).toHaveLength(2000);
    }
  });

  it('refuses a database URL it does not understand', async () => {
    await expect(openStorage({ databaseUrl: 'mysql://localhost/blog', dataDir: '' })).rejects.toThrow(
      /postgres:\/\//,
    );
  });
});
