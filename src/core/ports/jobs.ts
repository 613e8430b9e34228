/**
 * Jobs: work that must happen once, outside the user's action, and survive a crash. A worker claims a
 * job with a lease (it owns the job until then); a worker that dies lets the lease run out and
 * another takes the job over. Handlers must be idempotent: a job can run again after a crash between
 * its side effect and the worker recording it as done.
 */

export const JOB_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** What a feature asks for: a job of a type, with a JSON payload. */
export interface JobRequest {
  type: string;
  payload: Record<string, unknown>;
  /**
   * Makes the request idempotent: a second request with the same key (a retried transaction, two
   * instances arming the same recurring job) adds nothing.
   */
  key?: string;
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Attempts before the job is failed for good (default 10). */
  maxAttempts?: number;
  /** A recurring job: once done (or failed) it is due again this many milliseconds later. */
  everyMs?: number;
}

export interface Job {
  id: number;
  type: string;
  payload: Record<string, unknown>;
  key: string | null;
  status: JobStatus;
  /** Claims so far, including the one running now. */
  attempts: number;
  maxAttempts: number;
  everyMs: number | null;
  runAt: Date;
  /** Who holds the lease, and until when (running jobs only). */
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface JobQuery {
  statuses?: JobStatus[];
  limit: number;
}

export const DEFAULT_MAX_ATTEMPTS = 10;

/** A claimed job as its worker finishes it: which one, and whether it comes back. */
export type JobRef = Pick<Job, 'id' | 'everyMs'>;

export interface JobRepository {
  /** Adds the job; false when a job with the same key already exists. */
  enqueue(job: JobRequest, now: Date): Promise<boolean>;
  /**
   * Leases up to `limit` due jobs to `worker` until `now + leaseMs` and counts an attempt on each:
   * pending jobs whose time has come, and running jobs whose lease ran out (their worker died).
   * Two workers never get the same job. A job whose lease ran out after its last attempt is failed
   * here instead of run again, so a job that kills its worker cannot crash-loop the fleet.
   */
  claim(worker: string, now: Date, leaseMs: number, limit: number): Promise<Job[]>;
  /** Done (or, for a recurring job, due again); false if `worker` no longer holds the lease. */
  complete(job: JobRef, worker: string, now: Date): Promise<boolean>;
  /**
   * The attempt failed: due again at `retryAt`, or failed for good when `retryAt` is null (a
   * recurring job is then due again at its next time). False if `worker` no longer holds the lease.
   */
  fail(job: JobRef, worker: string, error: string, retryAt: Date | null, now: Date): Promise<boolean>;
  /** Newest first. */
  list(query: JobQuery): Promise<Job[]>;
  findById(id: number): Promise<Job | undefined>;
  /** A failed (or pending) job runs again now with a fresh count of attempts; false if none such. */
  retry(id: number, now: Date): Promise<boolean>;
  /** Removes a job that is not running; false if none such. */
  discard(id: number): Promise<boolean>;
  /**
   * Removes up to `limit` jobs done before `before` (failed ones stay for an operator to see);
   * returns how many went.
   */
  pruneDone(before: Date, limit: number): Promise<number>;
}
