import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dialect } from '../../test/support/site.ts';
import { workerProcesses } from '../../test/support/processes.ts';
import { sharedDatabase, type SharedDatabase } from '../../test/support/storage.ts';
import type { OutboxEvent, Storage } from '../core/ports/storage.ts';
import { closeExpiredComments, publishDuePosts } from '../core/posts/schedule.ts';
import { author, newPost } from '../storage/contract/fixtures.ts';
import { postgresAvailability } from '../../test/support/postgres.ts';

const pg = await postgresAvailability();
const DAY = 24 * 60 * 60 * 1000;

async function events(storage: Storage): Promise<OutboxEvent[]> {
  const all = [
    ...(await storage.outbox.dispatchedAfter(0, 1000)),
    ...(await storage.outbox.undispatched(1000)),
  ];
  return all.sort((a, b) => a.id - b.id);
}

describe.each<Dialect>(['sqlite', 'postgres'])('clock-driven changes (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let db: SharedDatabase;
  let first: Storage;
  let second: Storage;
  const processes = workerProcesses();

  beforeEach(async () => {
    if (skip) return;
    db = await sharedDatabase(dialect);
    first = await db.open();
    second = await db.open();
  });
  afterEach(async () => {
    await processes.killAll();
    await db?.close();
  });

  it.skipIf(skip)(
    'publishes a scheduled post on time, exactly once, with two instances running',
    async () => {
      const user = await author(first);
      const due = new Date(Date.now() + 2000);
      const post = await first.posts.create(newPost(user.id, { status: 'scheduled', publishedAt: due }));
      const later = await first.posts.create(
        newPost(user.id, { status: 'scheduled', publishedAt: new Date(Date.now() + 60_000) }),
      );
      // Two instances are two processes: on SQLite, as in production, each has its own connection.
      const env = { DATABASE_URL: db.url, JOBS: 'site', PUBLISH_EVERY_MS: '50' };
      await Promise.all([processes.start(env), processes.start(env)]);
      await vi.waitFor(async () => expect((await first.posts.findById(post.id))?.status).toBe('published'), {
        timeout: 15_000,
        interval: 20,
      });
      // Several more rounds of both schedulers: still one event.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const published = (await events(first)).filter((e) => e.type === 'post.published');
      expect(published.map((e) => e.payload)).toMatchObject([
        {
          postId: post.id,
          before: { status: 'scheduled', visible: false },
          after: { status: 'published', visible: true },
        },
      ]);
      expect(published[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(due.getTime() - 5);
      expect((await first.posts.findById(later.id))?.status).toBe('scheduled');
      // One of each recurring job exists however many workers armed it.
      expect((await first.jobs.list({ limit: 10 })).map((j) => j.type).sort()).toEqual([
        'jobs.prune',
        'posts.close-comments',
        'posts.publish-due',
      ]);
    },
    60_000,
  );

  // On SQLite two connections in one process would wait on each other; processes race above.
  it.skipIf(dialect === 'sqlite' || skip)(
    'publishes once when two instances race for the same due posts',
    async () => {
      const user = await author(first);
      const now = new Date();
      for (let i = 0; i < 5; i++)
        await first.posts.create(
          newPost(user.id, { status: 'scheduled', publishedAt: new Date(now.getTime() - i) }),
        );
      const [a, b] = await Promise.all([
        publishDuePosts({ storage: first }, now),
        publishDuePosts({ storage: second }, now),
      ]);
      expect([...a, ...b]).toHaveLength(5);
      expect((await events(first)).filter((e) => e.type === 'post.published')).toHaveLength(5);
      expect(await publishDuePosts({ storage: first }, now)).toEqual([]);
    },
  );

  it.skipIf(skip)(
    'closes comments N days after a post came out when the setting asks, with an event each',
    async () => {
      const user = await author(first);
      const now = new Date();
      const old = await first.posts.create(
        newPost(user.id, { publishedAt: new Date(now.getTime() - 15 * DAY) }),
      );
      const recent = await first.posts.create(
        newPost(user.id, { publishedAt: new Date(now.getTime() - 2 * DAY) }),
      );
      expect(await closeExpiredComments({ storage: first }, now)).toEqual([]);
      await first.settings.set('closeCommentsAfterDays', 14);
      expect(await closeExpiredComments({ storage: first }, now)).toEqual([old.id]);
      expect(await closeExpiredComments({ storage: second }, now)).toEqual([]);
      expect((await first.posts.findById(old.id))?.commentStatus).toBe('closed');
      expect((await first.posts.findById(recent.id))?.commentStatus).toBe('open');
      expect((await events(first)).map((e) => [e.type, e.payload])).toEqual([
        ['comments.closed', { postId: old.id, visible: true }],
      ]);
    },
  );
});
