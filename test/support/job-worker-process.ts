/**
 * A job worker in its own process, for tests that run several instances or kill one. With
 * JOBS=site it runs the site's own jobs (scheduled posts every PUBLISH_EVERY_MS); otherwise it
 * handles `record` jobs by waiting DELAY_MS and then writing the job's id and its own name to the
 * `handled` table the test made. Prints "ready" once working; SIGTERM stops it cleanly.
 */
import { tmpdir } from 'node:os';
import { sql } from 'kysely';
import { systemClock } from '../../src/core/ports/clock.ts';
import { MemoryMailer } from '../../src/core/ports/mailer.ts';
import { MemorySignals } from '../../src/core/ports/signals.ts';
import { jobRegistry } from '../../src/jobs/handlers.ts';
import type { JobRegistry } from '../../src/jobs/registry.ts';
import { startWorker } from '../../src/jobs/worker.ts';
import { openStorage } from '../../src/storage/index.ts';

const name = process.env.WORKER_NAME ?? `worker-${process.pid}`;
const delay = Number(process.env.DELAY_MS ?? 0);
const storage = await openStorage({ databaseUrl: process.env.DATABASE_URL, dataDir: tmpdir() });
const registry: JobRegistry =
  process.env.JOBS === 'site'
    ? jobRegistry(
        { core: { storage }, mailer: new MemoryMailer(), mailHost: 'localhost' },
        { publishEveryMs: Number(process.env.PUBLISH_EVERY_MS ?? 15_000) },
      )
    : {
        handlers: {
          record: async (job) => {
            if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
            await sql`insert into handled (job_id, worker) values (${job.id}, ${name})`.execute(storage.db);
          },
        },
        planners: {},
        recurring: [],
      };
const worker = startWorker(
  { storage, clock: systemClock, signals: new MemorySignals(), registry },
  {
    id: name,
    leaseMs: Number(process.env.LEASE_MS ?? 60_000),
    batch: Number(process.env.BATCH ?? 10),
    pollMs: 20,
    backoff: { baseMs: 50, maxMs: 200 },
  },
);
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void worker
    .stop()
    .then(() => storage.close())
    .then(() => process.exit(0));
});
