import type { CoreDeps } from '../core/deps.ts';
import { MAIL_SEND, messageIdFor, readMailPayload } from '../core/jobs/mail.ts';
import type { Mailer } from '../core/ports/mailer.ts';
import { closeExpiredComments, publishDuePosts } from '../core/posts/schedule.ts';
import { PermanentJobError, type JobHandler, type JobRegistry } from './registry.ts';

export const PUBLISH_DUE_POSTS = 'posts.publish-due';
export const CLOSE_EXPIRED_COMMENTS = 'posts.close-comments';
export const PRUNE_DONE_JOBS = 'jobs.prune';

/** How long a finished job stays for `samizdat jobs list` to show. Failed jobs stay until handled. */
const DONE_JOBS_KEPT_MS = 14 * 24 * 60 * 60_000;

/** Removes finished jobs in slices, so a large backlog never holds one long write lock. */
export async function pruneDoneJobs(storage: Pick<CoreDeps['storage'], 'jobs'>, now: Date): Promise<number> {
  const before = new Date(now.getTime() - DONE_JOBS_KEPT_MS);
  let removed = 0;
  for (;;) {
    const slice = await storage.jobs.pruneDone(before, 1000);
    removed += slice;
    if (slice < 1000) return removed;
  }
}

/**
 * Sends a `mail.send` job's message with a Message-ID made from the job, the same on every attempt.
 * A server's permanent refusal (a 5xx reply to anything but sign-in) fails the job at once; anything
 * else (refused connection, timeout, 4xx) is tried again later.
 */
export function mailHandler(mailer: Mailer, host: string): JobHandler {
  return async (job) => {
    const message = readMailPayload(job.payload);
    if (!message) throw new PermanentJobError('the payload is not a message (to, subject, text, html)');
    try {
      await mailer.send({ ...message, messageId: messageIdFor(job, host) });
    } catch (error) {
      const { responseCode, command } = error as { responseCode?: number; command?: string };
      if (responseCode !== undefined && responseCode >= 500 && !command?.startsWith('AUTH'))
        throw new PermanentJobError((error as Error).message);
      throw error;
    }
  };
}

export interface RegistryOptions {
  /** How often scheduled posts are looked for (default 15 s): a post comes out at most this late. */
  publishEveryMs?: number;
  /** How often old posts' comments are closed (default 10 minutes). */
  closeCommentsEveryMs?: number;
}

/** Every job this version knows, and the recurring ones each worker arms. */
export function jobRegistry(
  deps: { core: Pick<CoreDeps, 'storage'>; mailer: Mailer; mailHost: string },
  options: RegistryOptions = {},
): JobRegistry {
  return {
    handlers: {
      [MAIL_SEND]: mailHandler(deps.mailer, deps.mailHost),
      [PUBLISH_DUE_POSTS]: async (_job, { now }) => void (await publishDuePosts(deps.core, now)),
      [CLOSE_EXPIRED_COMMENTS]: async (_job, { now }) => void (await closeExpiredComments(deps.core, now)),
      [PRUNE_DONE_JOBS]: async (_job, { now }) => void (await pruneDoneJobs(deps.core.storage, now)),
    },
    // No event implies a job yet; notifications (comment replies, new posts) will plan theirs here.
    planners: {},
    recurring: [
      {
        type: PUBLISH_DUE_POSTS,
        payload: {},
        key: `recurring:${PUBLISH_DUE_POSTS}`,
        everyMs: options.publishEveryMs ?? 15_000,
      },
      {
        type: CLOSE_EXPIRED_COMMENTS,
        payload: {},
        key: `recurring:${CLOSE_EXPIRED_COMMENTS}`,
        everyMs: options.closeCommentsEveryMs ?? 10 * 60_000,
      },
      {
        type: PRUNE_DONE_JOBS,
        payload: {},
        key: `recurring:${PRUNE_DONE_JOBS}`,
        everyMs: 6 * 60 * 60_000,
      },
    ],
  };
}
