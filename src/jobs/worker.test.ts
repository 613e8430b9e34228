import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sharedDatabase, type SharedDatabase } from '../../test/support/storage.ts';
import type { Dialect } from '../../test/support/site.ts';
import { systemClock } from '../core/ports/clock.ts';
import { MemorySignals } from '../core/ports/signals.ts';
import type { Storage } from '../core/ports/storage.ts';
import { postgresAvailability } from '../../test/support/postgres.ts';
import type { JobHandler, JobRegistry } from './registry.ts';
import { PermanentJobError } from './registry.ts';
import { startWorker, type RunningWorker } from './worker.ts';

const pg = await postgresAvailability();
const FAST = { pollMs: 10, leaseMs: 2000, backoff: { baseMs: 40, maxMs: 1000 }, log: () => {} };

describe.each<Dialect>(['sqlite', 'postgres'])('the job worker (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let db: SharedDatabase;
  let storage: Storage;
  let worker: RunningWorker | undefined;

  beforeEach(async () => {
    if (skip) return;
    db = await sharedDatabase(dialect);
    storage = await db.open();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await db?.close();
  });

  const run = (handlers: Record<string, JobHandler>, options = {}) => {
    const registry: JobRegistry = { handlers, planners: {}, recurring: [] };
    worker = startWorker(
      { storage, clock: systemClock, signals: new MemorySignals(), registry },
      { ...FAST, ...options },
    );
  };
  const settled = () =>
    vi.waitFor(
      async () => expect(await storage.jobs.list({ statuses: ['pending', 'running'], limit: 1 })).toEqual([]),
      { timeout: 15_000, interval: 20 },
    );

  it.skipIf(skip)(
    'retries a failing job with growing waits until it succeeds, while the others finish',
    async () => {
      const now = new Date();
      for (let n = 0; n < 20; n++) await storage.jobs.enqueue({ type: 'count', payload: { n } }, now);
      await storage.jobs.enqueue({ type: 'flaky', payload: {} }, now);
      const handled: number[] = [];
      const attempts: number[] = [];
      run({
        count: async (job) => void handled.push(job.payload.n as number),
        flaky: async () => {
          attempts.push(Date.now());
          if (attempts.length < 4) throw new Error(`refused ${attempts.length}`);
        },
      });
      await settled();
      expect(handled.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
      const [flaky] = await storage.jobs.list({ statuses: ['done'], limit: 1 });
      expect(flaky).toMatchObject({ type: 'flaky', attempts: 4, status: 'done', lastError: null });
      // Each wait is at least half the exponential step: 20, 40, then 80 ms.
      const waits = attempts.slice(1).map((t, i) => t - attempts[i]!);
      waits.forEach((wait, i) => expect(wait).toBeGreaterThanOrEqual(20 * 2 ** i - 5));
    },
  );

  it.skipIf(skip)(
    'fails a job after its last attempt with its last error, and at once when retrying cannot help',
    async () => {
      const now = new Date();
      await storage.jobs.enqueue({ type: 'down', payload: {}, maxAttempts: 3 }, now);
      await storage.jobs.enqueue({ type: 'bad', payload: {} }, now);
      await storage.jobs.enqueue({ type: 'from.the.future', payload: {} }, now);
      let tries = 0;
      run({
        down: async () => {
          throw new Error(`connection refused (try ${++tries})`);
        },
        bad: async () => {
          throw new PermanentJobError('the post it names was deleted');
        },
      });
      await settled();
      const failed = await storage.jobs.list({ statuses: ['failed'], limit: 10 });
      expect(failed.map((j) => [j.type, j.attempts, j.lastError])).toEqual([
        ['from.the.future', 1, 'no handler for jobs of type "from.the.future" in this version'],
        ['bad', 1, 'the post it names was deleted'],
        ['down', 3, 'connection refused (try 3)'],
      ]);
    },
  );

  it.skipIf(skip)('gives up on a job that outlives its lease without holding up the others', async () => {
    const now = new Date();
    await storage.jobs.enqueue({ type: 'hang', payload: {}, maxAttempts: 1 }, now);
    for (let n = 0; n < 5; n++) await storage.jobs.enqueue({ type: 'quick', payload: {} }, now);
    let quick = 0;
    run({ hang: () => new Promise(() => {}), quick: async () => void quick++ }, { leaseMs: 300, batch: 2 });
    await settled();
    expect(quick).toBe(5);
    const [hung] = await storage.jobs.list({ statuses: ['failed'], limit: 1 });
    expect(hung?.lastError).toMatch(/longer than its lease/);
  });
});
