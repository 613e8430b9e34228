import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../core/ports/clock.ts';
import type { Job } from '../core/ports/jobs.ts';
import type { Signals } from '../core/ports/signals.ts';
import type { Storage } from '../core/ports/storage.ts';
import { DEFAULT_BACKOFF, retryDelay, type BackoffOptions } from './backoff.ts';
import { dispatchOutbox } from './dispatch.ts';
import { PermanentJobError, type JobRegistry } from './registry.ts';

export interface WorkerOptions {
  /** Names this worker in the jobs table (`locked_by`); host, process and a random part by default. */
  id?: string;
  /** How long a claimed job is this worker's; a handler that runs longer is abandoned (default 60 s). */
  leaseMs?: number;
  /** The wait between looks at the outbox and the jobs when there was nothing to do (default 1 s). */
  pollMs?: number;
  /** Jobs claimed, and run side by side, at a time (default 10). */
  batch?: number;
  backoff?: BackoffOptions;
  log?: (line: string) => void;
}

export interface WorkerDeps {
  storage: Storage;
  clock: Clock;
  signals: Signals;
  registry: JobRegistry;
}

export interface RunningWorker {
  readonly id: string;
  /** One round: dispatch the outbox, claim due jobs and run them. Resolves with how much it did. */
  tick(): Promise<number>;
  /** Stops after the round in progress; jobs it holds finish (or their lease runs out). */
  stop(): Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message || error.name : String(error));

/**
 * The worker: dispatches the outbox into jobs and signals, claims due jobs under a lease and runs
 * them, each on its own so one failing or slow job never holds up the rest. A failed attempt comes
 * back after an exponential backoff with jitter, until its last attempt fails it with its error.
 */
export function startWorker(deps: WorkerDeps, options: WorkerOptions = {}): RunningWorker {
  const id = options.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 1000;
  const batch = options.batch ?? 10;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const log = options.log ?? console.error;
  const { storage, clock, registry } = deps;

  async function run(job: Job): Promise<void> {
    const handler = registry.handlers[job.type];
    const controller = new AbortController();
    // Give up a little before the lease ends, so the failure is recorded before another worker may start.
    const timer = setTimeout(() => controller.abort(), Math.max(1, leaseMs * 0.9));
    try {
      if (!handler) throw new PermanentJobError(`no handler for jobs of type "${job.type}" in this version`);
      await Promise.race([
        handler(job, { now: clock.now(), signal: controller.signal }),
        new Promise<never>((_, reject) =>
          controller.signal.addEventListener('abort', () =>
            reject(new Error(`took longer than its lease (${leaseMs} ms)`)),
          ),
        ),
      ]);
      await storage.jobs.complete(job, id, clock.now());
    } catch (error) {
      const now = clock.now();
      const last = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
      const retryAt = last ? null : new Date(now.getTime() + retryDelay(job.attempts, backoff));
      const recorded = await storage.jobs.fail(job, id, message(error), retryAt, now).catch((e) => {
        log(`samizdat: jobs: could not record the failure of job ${job.id}: ${message(e)}`);
        return false;
      });
      if (recorded && last) log(`samizdat: jobs: job ${job.id} (${job.type}) failed: ${message(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  async function tick(): Promise<number> {
    const events = await dispatchOutbox(storage, registry.planners, deps.signals, clock.now());
    const jobs = await storage.jobs.claim(id, clock.now(), leaseMs, batch);
    await Promise.all(jobs.map(run));
    return events.length + jobs.length;
  }

  let stopping = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    for (const job of registry.recurring) {
      await storage.jobs.enqueue(job, clock.now()).catch((e) => log(`samizdat: jobs: ${message(e)}`));
    }
    while (!stopping) {
      let done = 0;
      try {
        done = await tick();
      } catch (error) {
        log(`samizdat: jobs: ${message(error)}`);
      }
      if (done === 0 && !stopping) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, pollMs);
        });
      }
    }
  })();

  return {
    id,
    tick,
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
