import type { Job, JobRequest } from '../core/ports/jobs.ts';
import type { OutboxEvent } from '../core/ports/storage.ts';

/** What a handler gets besides the job: the time, and a signal that its time (the lease) ran out. */
export interface JobContext {
  now: Date;
  signal: AbortSignal;
}

/**
 * Does one job's work; throwing means "try again later" (with backoff). A handler must be
 * idempotent: a job can run again after its worker died between the work and recording it done.
 */
export type JobHandler = (job: Job, context: JobContext) => Promise<void>;

/** The jobs an event implies (mail to subscribers when a post is published, say). Pure. */
export type EventPlanner = (event: OutboxEvent) => JobRequest[];

/** A failure that retrying cannot fix (a payload that is not a message): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export interface JobRegistry {
  /** Handlers by job type. A job of a type without a handler fails with a reason, to retry later. */
  handlers: Readonly<Record<string, JobHandler>>;
  /** Planners by event type. */
  planners: Readonly<Record<string, EventPlanner>>;
  /** Jobs every worker arms at start (keyed, so they exist once), such as the scheduled publisher. */
  recurring: readonly JobRequest[];
}
