import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { problems, runLoad, type LoadOptions } from '../bench/durability.ts';
import { freshPostgresDatabase, postgresAvailability } from './support/postgres.ts';

const pg = await postgresAvailability();

/**
 * The short version of `npm run load` (bench/durability.ts): the real server under 95% reads and 5%
 * comments for a few seconds, then again killed with SIGKILL halfway and started again. No server
 * error, memory flat once warm, and every comment answered with its 303 is in the database.
 */
describe.each(['sqlite', 'postgres'] as const)(
  'the server under load (%s)',
  { timeout: 120_000 },
  (dialect) => {
    const skip = dialect === 'postgres' && !pg.available;
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });

    async function where(): Promise<Pick<LoadOptions, 'dataDir' | 'databaseUrl'>> {
      const dataDir = await mkdtemp(join(tmpdir(), 'samizdat-load-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      if (dialect === 'sqlite') return { dataDir };
      const database = await freshPostgresDatabase();
      if ('skip' in database) throw new Error(database.skip);
      cleanups.push(() => database.drop());
      return { dataDir, databaseUrl: database.url };
    }

    const site = { posts: 120, comments: 60, depth: 5, seed: 7, totalComments: 400 };

    it.skipIf(skip)(
      'answers without a server error, memory flat, every acknowledged comment kept',
      async () => {
        const report = await runLoad({ ...(await where()), seconds: 20, connections: 8, site });
        expect(problems(report)).toEqual([]);
        expect(report.acknowledged).toBeGreaterThan(5);
        expect(report.memory.samples).toBeGreaterThan(30);
      },
    );

    it.skipIf(skip)('loses no acknowledged comment when killed with SIGKILL and started again', async () => {
      const report = await runLoad({ ...(await where()), seconds: 14, connections: 8, kill: true, site });
      expect(report.killed).toBe(true);
      expect(problems(report)).toEqual([]);
      expect(report.acknowledged).toBeGreaterThan(5);
    });
  },
);
