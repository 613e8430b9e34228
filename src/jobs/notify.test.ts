import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresAvailability } from '../../test/support/postgres.ts';
import { makeTestSite, type Dialect, type TestSite } from '../../test/support/site.ts';
import { MAIL_SEND, readMailPayload } from '../core/jobs/mail.ts';
import type { Job } from '../core/ports/jobs.ts';
import { MemorySignals } from '../core/ports/signals.ts';
import { readPostDraft } from '../core/posts/post-file.ts';
import { publishPost } from '../core/posts/publish.ts';
import { ensureWelcomeContent } from '../core/site/welcome.ts';
import { NOTIFY_POST } from '../core/subscriptions/subscribe.ts';
import { dispatchOutbox } from './dispatch.ts';
import { notificationHandlers, notificationPlanners, POST_PAGE } from './notify.ts';

const pg = await postgresAvailability();

describe.each<Dialect>(['sqlite', 'postgres'])('planning a new post’s mail (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;

  beforeEach(async () => {
    if (skip) return;
    t = await makeTestSite(dialect);
    await ensureWelcomeContent(t.site.core);
  });
  afterEach(async () => t?.close());

  const handlers = () =>
    notificationHandlers({ core: t.site.core, secret: t.site.secret, baseUrl: 'https://blog.example.kz' });
  const jobsOf = async (type: string): Promise<Job[]> =>
    (await t.site.core.storage.jobs.list({ limit: 5000 })).filter((job) => job.type === type);
  const run = async (job: Job) =>
    handlers()[job.type]!(job, { now: new Date(), signal: new AbortController().signal });

  async function subscribers(count: number) {
    await t.site.core.storage.transaction(async (tx) => {
      for (let i = 0; i < count; i++) {
        const subscriber = await tx.subscriptions.ensureSubscriber(`r${i}@example.kz`, new Date());
        const subscription = await tx.subscriptions.subscribe(subscriber.id, { kind: 'posts' }, new Date());
        await tx.subscriptions.confirm(subscriber.id, [subscription.id], new Date());
      }
    });
  }
  async function publish() {
    const draft = readPostDraft({ title: 'Новость', slug: 'news', status: 'publish' }, 'Текст новости.');
    if (!draft.ok) throw new Error(draft.error.join('; '));
    const result = await publishPost({ ...t.site.core, images: t.site.images }, draft.value, null);
    if (!result.ok) throw new Error(result.error.type);
    await dispatchOutbox(t.site.core.storage, notificationPlanners, new MemorySignals(), new Date());
    return result.value.post;
  }

  it.skipIf(skip)(
    'plans a page of recipients per job, and a page run again (a worker died before recording it) adds nothing',
    async () => {
      await subscribers(POST_PAGE * 2 + 30);
      await publish();
      const [first] = await jobsOf(NOTIFY_POST);
      await run(first!);
      expect(await jobsOf(MAIL_SEND)).toHaveLength(POST_PAGE);
      // The same page again, as after a crash between its commit and the job being marked done.
      await run(first!);
      expect(await jobsOf(MAIL_SEND)).toHaveLength(POST_PAGE);
      for (;;) {
        const pages = await jobsOf(NOTIFY_POST);
        const next = pages.find((job) => job.status === 'pending' && job.id !== first!.id);
        if (!next) break;
        await run(next);
        await run(next);
        await t.site.core.storage.jobs.discard(next.id);
      }
      const mail = await jobsOf(MAIL_SEND);
      expect(mail).toHaveLength(POST_PAGE * 2 + 30);
      const recipients = mail.map((job) => readMailPayload(job.payload)!.to);
      expect(new Set(recipients).size).toBe(POST_PAGE * 2 + 30);
      const message = readMailPayload(mail[0]!.payload)!;
      expect(message.text).toContain('Текст новости.');
      expect(message.headers!['List-Unsubscribe']).toMatch(
        /^<https:\/\/blog\.example\.kz\/subscriptions\/unsubscribe\?token=[^>]+>$/,
      );
      // The whole chain again, as if the event were planned twice: nobody gets it twice.
      await run(first!);
      expect(await jobsOf(MAIL_SEND)).toHaveLength(POST_PAGE * 2 + 30);
    },
    60_000,
  );

  it.skipIf(skip)('sends nothing of a post unpublished before its mail was planned', async () => {
    await subscribers(3);
    const post = await publish();
    await t.site.core.storage.posts.update(post.id, { ...post, status: 'draft' });
    const [job] = await jobsOf(NOTIFY_POST);
    await run(job!);
    expect(await jobsOf(MAIL_SEND)).toEqual([]);
  });
});
