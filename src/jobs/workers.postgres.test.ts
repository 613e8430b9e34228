import { once } from 'node:events';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { workerProcesses } from '../../test/support/processes.ts';
import { sharedDatabase, type SharedDatabase } from '../../test/support/storage.ts';
import { postgresAvailability } from '../../test/support/postgres.ts';
import type { SqlStorage } from '../storage/index.ts';

const pg = await postgresAvailability();

describe.skipIf(!pg.available)('several worker processes on one PostgreSQL', () => {
  let db: SharedDatabase;
  let storage: SqlStorage;
  const processes = workerProcesses();

  beforeEach(async () => {
    db = await sharedDatabase('postgres');
    storage = await db.open();
    await sql`create table handled (job_id integer not null, worker text not null)`.execute(storage.db);
  });
  afterEach(async () => {
    await processes.killAll();
    await db.close();
  });

  const worker = (name: string, env: Record<string, string>) =>
    processes.start({ DATABASE_URL: db.url, WORKER_NAME: name, ...env });
  async function enqueue(count: number) {
    await storage.transaction(async (tx) => {
      const now = new Date();
      for (let n = 0; n < count; n++) await tx.jobs.enqueue({ type: 'record', payload: { n } }, now);
    });
  }
  const count = async (query: ReturnType<typeof sql<{ n: string }>>) =>
    Number((await query.execute(storage.db)).rows[0]!.n);
  const done = () => count(sql<{ n: string }>`select count(*) as n from jobs where status = 'done'`);

  it('two workers drain 1,000 jobs, each handled exactly once', async () => {
    await enqueue(1000);
    await Promise.all([worker('a', { BATCH: '50' }), worker('b', { BATCH: '50' })]);
    await vi.waitFor(async () => expect(await done()).toBe(1000), { timeout: 100_000, interval: 100 });
    const { rows } = await sql<{ job_id: number; n: string }>`
      select job_id, count(*) as n from handled group by job_id having count(*) > 1`.execute(storage.db);
    expect(rows).toEqual([]);
    expect(await count(sql<{ n: string }>`select count(distinct job_id) as n from handled`)).toBe(1000);
    const byWorker = await sql<{ worker: string }>`select distinct worker from handled`.execute(storage.db);
    expect(byWorker.rows.map((r) => r.worker).sort()).toEqual(['a', 'b']);
  }, 120_000);

  it('a worker killed mid-batch loses nothing: another takes its leased jobs over once the lease runs out', async () => {
    await enqueue(200);
    const doomed = await worker('doomed', { BATCH: '20', DELAY_MS: '40', LEASE_MS: '1500' });
    await vi.waitFor(
      async () =>
        expect(await count(sql<{ n: string }>`select count(*) as n from handled`)).toBeGreaterThan(25),
      { timeout: 20_000, interval: 10 },
    );
    doomed.kill('SIGKILL');
    await once(doomed, 'exit');
    const leased = await count(
      sql<{ n: string }>`select count(*) as n from jobs where status = 'running' and locked_by = 'doomed'`,
    );
    expect(leased).toBeGreaterThan(0);

    await worker('survivor', { BATCH: '20', LEASE_MS: '1500' });
    await vi.waitFor(async () => expect(await done()).toBe(200), { timeout: 100_000, interval: 100 });
    // None lost; the jobs the dead worker held ran again under the survivor.
    expect(await count(sql<{ n: string }>`select count(distinct job_id) as n from handled`)).toBe(200);
    const takenOver = await count(
      sql<{ n: string }>`select count(*) as n from jobs where attempts = 2 and locked_by is null`,
    );
    expect(takenOver).toBe(leased);
  }, 120_000);
});
