import type { CoreDeps } from '../deps.ts';
import { readSettings } from '../site/settings-cache.ts';
import { postEvent, postState } from '../events/events.ts';
import type { Repositories } from '../ports/storage.ts';
import { isPublic } from '../reading/visibility.ts';

/** How many posts one run handles at most; the next run (seconds later) takes the rest. */
const BATCH = 100;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Publishes every post whose scheduled time has come, each with its `post.published` event. Safe to
 * run on several instances at once and again after a crash: a post moves from scheduled to published
 * in the same transaction as its event, and only if it still is scheduled, so it is published once.
 * A clock that jumped back publishes nothing early: the date is compared with `now` in the database.
 */
export async function publishDuePosts(deps: Pick<CoreDeps, 'storage'>, now: Date): Promise<number[]> {
  return deps.storage.transaction(async (tx) => {
    const published: number[] = [];
    for (const id of await tx.posts.scheduledDue(now, BATCH)) {
      if (!(await tx.posts.publishScheduled(id, now))) continue;
      const after = await stateOf(tx, id, now);
      if (after) await tx.outbox.add(postEvent(id, { ...after, status: 'scheduled', visible: false }, after));
      published.push(id);
    }
    return published;
  });
}

/**
 * Closes comments on posts out for longer than the `closeCommentsAfterDays` setting (0: never), each
 * with its `comments.closed` event; idempotent like publishDuePosts.
 */
export async function closeExpiredComments(deps: Pick<CoreDeps, 'storage'>, now: Date): Promise<number[]> {
  const { closeCommentsAfterDays: days } = await readSettings(deps.storage);
  if (days <= 0) return [];
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  return deps.storage.transaction(async (tx) => {
    const closed: number[] = [];
    for (const id of await tx.posts.openForCommentsBefore(cutoff, BATCH)) {
      if (!(await tx.posts.closeComments(id, cutoff))) continue;
      const post = await tx.posts.findById(id);
      await tx.outbox.add({
        type: 'comments.closed',
        postId: id,
        visible: post ? isPublic(post, now) : false,
      });
      closed.push(id);
    }
    return closed;
  });
}

async function stateOf(tx: Repositories, id: number, now: Date) {
  const post = await tx.posts.findById(id);
  if (!post) return undefined;
  return postState(post, (await tx.posts.termsOf([id])).get(id) ?? [], now);
}
