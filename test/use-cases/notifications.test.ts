/**
 * Issue 13, points 4 and 5: email notifications for guests, through the outbox worker to a real SMTP
 * server on loopback, on both databases. Double opt-in, one email per reply, one-click unsubscribe
 * by a POST with no Origin and no cookie, a dead mail server that delays and never fails a comment,
 * a new post to 1,000 subscribers once each across a worker restart, and links that must not work.
 */
import type { ParsedMail } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mailServer } from '../support/smtp.ts';
import { MAIL_SEND } from '../../src/core/jobs/mail.ts';
import { MemorySignals } from '../../src/core/ports/signals.ts';
import { readPostDraft } from '../../src/core/posts/post-file.ts';
import { publishPost } from '../../src/core/posts/publish.ts';
import { publishDuePosts } from '../../src/core/posts/schedule.ts';
import { changeSettings } from '../../src/core/site/change-settings.ts';
import { ensureWelcomeContent } from '../../src/core/site/welcome.ts';
import { issueFormToken } from '../../src/http/comments/form-token.ts';
import { jobRegistry } from '../../src/jobs/handlers.ts';
import { startWorker, type RunningWorker } from '../../src/jobs/worker.ts';
import { smtpMailer } from '../../src/mail/smtp.ts';
import { subscriptionUrls } from '../../src/security/subscription-links.ts';
import { postgresAvailability } from '../support/postgres.ts';
import { makeTestSite, type Dialect, type TestSite } from '../support/site.ts';

const pg = await postgresAvailability();
const ORIGIN = 'http://localhost';

const to = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address));
const header = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, '');
/** The site path (with its query) of the first link in the mail's text that starts with `path`. */
const linkIn = (mail: ParsedMail, path: string) => {
  const match = new RegExp(`${ORIGIN}${path}\\?token=[^\\s>]+`).exec(mail.text ?? '');
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return match[0].slice(ORIGIN.length);
};

describe.each<Dialect>(['sqlite', 'postgres'])('email notifications (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;
  let server: Awaited<ReturnType<typeof mailServer>>;
  let worker: RunningWorker | undefined;
  let postId: number;
  const closers: (() => Promise<void>)[] = [];

  const startTheWorker = (port: number, batch = 10) => {
    const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'Blog <noreply@localhost>', { timeoutMs: 2000 });
    closers.push(() => mailer.close());
    const core = t.site.core;
    return startWorker(
      {
        storage: core.storage,
        clock: core.clock,
        signals: new MemorySignals(),
        registry: jobRegistry({
          core,
          mailer,
          mailHost: 'localhost',
          notify: { core, secret: t.site.secret, baseUrl: t.services.baseUrl },
        }),
      },
      { pollMs: 20, leaseMs: 10_000, batch, backoff: { baseMs: 100, maxMs: 500 }, log: () => {} },
    );
  };

  beforeEach(async () => {
    if (skip) return;
    t = await makeTestSite(dialect, {
      settings: {
        commentMinFillSeconds: 0,
        requirePriorApproval: false,
        commentRateLimit: 1000,
        title: 'Дала',
      },
    });
    await ensureWelcomeContent(t.site.core);
    postId = (await t.site.core.storage.posts.findBySlug('welcome'))!.id;
    server = await mailServer();
    closers.push(() => server.close());
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    for (const close of closers.splice(0).reverse()) await close();
    await t?.close();
  });

  const comment = (fields: Record<string, string>) =>
    t.app.request('/comments', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        post_id: String(postId),
        comment_parent: '0',
        token: issueFormToken(t.services.secret, postId, new Date(Date.now() - 60_000)),
        url: '',
        ...fields,
      }),
    });
  const send = (path: string, init: RequestInit = {}) => t.app.request(path, init);
  const postForm = (path: string, body: Record<string, string> = {}) =>
    send(path, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body),
    });
  /** Every event is dispatched and every job has run: nothing pending or running. */
  const settled = () =>
    vi.waitFor(
      async () => {
        // The newest event is dispatched (a PostgreSQL dispatcher's locked rows hide from `undispatched`).
        const { outbox } = t.site.core.storage;
        const last = await outbox.lastId();
        if (last > 0) expect(await outbox.dispatchedAfter(last - 1, 1)).toHaveLength(1);
        const open = await t.site.core.storage.jobs.list({ statuses: ['pending', 'running'], limit: 100 });
        expect(open.filter((j) => j.everyMs === null)).toEqual([]);
      },
      { timeout: 20_000, interval: 25 },
    );
  const mailTo = (address: string) =>
    server.received.filter((m) => to(m).some((a) => a?.toLowerCase() === address.toLowerCase()));
  /** A subscription confirmed without going through mail (for tests of something else). */
  const confirmedSubscriber = async (
    email: string,
    topic: { kind: 'posts' } | { kind: 'replies'; postId: number },
  ) => {
    const { subscriptions } = t.site.core.storage;
    const subscriber = await subscriptions.ensureSubscriber(email, new Date());
    const subscription = await subscriptions.subscribe(subscriber.id, topic, new Date());
    await subscriptions.confirm(subscriber.id, [subscription.id], new Date());
    return { subscriber, subscription };
  };

  it.skipIf(skip)(
    'confirms by an emailed link first, then mails one email per reply, and one POST with no Origin unsubscribes',
    async () => {
      worker = startTheWorker(server.port);
      const first = await comment({
        comment: 'Хороший текст',
        author: 'Айгерим',
        email: 'aigerim@example.kz',
        notify_replies: '1',
      });
      expect(first.status).toBe(303);
      await settled();
      // Double opt-in: only the confirm email, nothing else until it is followed.
      expect(mailTo('aigerim@example.kz').map((m) => m.subject)).toEqual([
        'Confirm your subscription to Дала',
      ]);
      const [confirmMail] = mailTo('aigerim@example.kz');
      expect(confirmMail!.html).toContain('Welcome');
      const reply = (by: string, email: string) =>
        comment({ comment: `Ответ от ${by}`, author: by, email, comment_parent: String(firstId) });
      const firstId = Number(/#comment-(\d+)$/.exec(first.headers.get('location')!)![1]);
      expect((await reply('Ерлан', 'erlan@example.kz')).status).toBe(303);
      await settled();
      expect(mailTo('aigerim@example.kz')).toHaveLength(1);

      const confirmPath = linkIn(confirmMail!, '/subscriptions/confirm');
      const shown = await send(confirmPath);
      expect(shown.status).toBe(200);
      expect(shown.headers.get('cache-control')).toBe('private, no-store');
      // A mail scanner following the link changes nothing: the GET only shows the button.
      expect(
        (await t.site.core.storage.subscriptions.recipients({ kind: 'replies', postId }, 0, 10)).length,
      ).toBe(0);
      const confirmed = await postForm(confirmPath);
      expect(confirmed.status).toBe(200);
      expect(await confirmed.text()).toContain('Subscription confirmed');

      expect((await reply('Дана', 'dana@example.kz')).status).toBe(303);
      // The subscriber's own comment is not mailed back to her.
      expect(
        (await comment({ comment: 'Спасибо всем', author: 'Айгерим', email: 'AIGERIM@example.kz' })).status,
      ).toBe(303);
      await settled();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const notices = mailTo('aigerim@example.kz').slice(1);
      expect(notices.map((m) => m.subject)).toEqual(['New comment on “Welcome to your new site”']);
      const [notice] = notices;
      expect(notice!.text).toContain('Ответ от Дана');
      expect(notice!.html).toContain('Ответ от Дана');
      expect(mailTo('dana@example.kz')).toEqual([]);
      expect(header(notice!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      const unsubscribeUrl = /^<(.+)>$/.exec(header(notice!, 'list-unsubscribe')!)![1]!;
      expect(notice!.text).toContain(unsubscribeUrl);
      expect(linkIn(notice!, '/subscriptions/manage')).toMatch(/^\/subscriptions\/manage\?token=/);

      // RFC 8058: what a mail provider sends. No Origin, no Sec-Fetch-Site, no cookie.
      const oneClick = await t.app.request(unsubscribeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(oneClick.status).toBe(200);
      expect(oneClick.headers.get('cache-control')).toBe('private, no-store');
      expect(await t.site.core.storage.subscriptions.recipients({ kind: 'replies', postId }, 0, 10)).toEqual(
        [],
      );
      expect((await reply('Болат', 'bolat@example.kz')).status).toBe(303);
      await settled();
      expect(mailTo('aigerim@example.kz')).toHaveLength(2);
    },
    60_000,
  );

  it.skipIf(skip)(
    'a dead mail server delays the mail and never fails the comment; the mail arrives once when it is back',
    async () => {
      await confirmedSubscriber('saule@example.kz', { kind: 'replies', postId });
      const port = server.port;
      await server.close();
      closers.pop();
      worker = startTheWorker(port);
      const answer = await comment({
        comment: 'Пока почта лежит',
        author: 'Ерлан',
        email: 'erlan@example.kz',
      });
      expect(answer.status).toBe(303);
      await vi.waitFor(
        async () => {
          const [job] = (await t.site.core.storage.jobs.list({ limit: 50 })).filter(
            (j) => j.type === MAIL_SEND,
          );
          expect(job).toMatchObject({ status: 'pending' });
          expect(job!.attempts).toBeGreaterThanOrEqual(2);
          expect(job!.lastError).toMatch(/ECONNREFUSED|connect/i);
        },
        { timeout: 15_000, interval: 25 },
      );
      server = await mailServer(port);
      closers.push(() => server.close());
      await settled();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(mailTo('saule@example.kz').map((m) => m.subject)).toEqual([
        'New comment on “Welcome to your new site”',
      ]);
    },
    60_000,
  );

  it.skipIf(skip)(
    'a new post reaches 1,000 subscribers once each, whole, across a worker restart',
    async () => {
      const { storage } = t.site.core;
      await storage.transaction(async (tx) => {
        for (let i = 0; i < 1000; i++) {
          const subscriber = await tx.subscriptions.ensureSubscriber(`reader${i}@example.kz`, new Date());
          const subscription = await tx.subscriptions.subscribe(subscriber.id, { kind: 'posts' }, new Date());
          await tx.subscriptions.confirm(subscriber.id, [subscription.id], new Date());
        }
        // Not confirmed: gets nothing.
        const waiting = await tx.subscriptions.ensureSubscriber('waiting@example.kz', new Date());
        await tx.subscriptions.subscribe(waiting.id, { kind: 'posts' }, new Date());
      });
      const draft = readPostDraft(
        { title: 'Степь весной', slug: 'step', status: 'publish' },
        'Первый абзац о степи.\n\nВторой абзац, со [ссылкой](/welcome/).',
      );
      if (!draft.ok) throw new Error(draft.error.join('; '));
      const published = await publishPost({ ...t.site.core, images: t.site.images }, draft.value, null);
      expect(published.ok).toBe(true);

      worker = startTheWorker(server.port, 25);
      await vi.waitFor(() => expect(server.received.length).toBeGreaterThanOrEqual(150), {
        timeout: 60_000,
        interval: 20,
      });
      await worker.stop();
      const before = server.received.length;
      expect(before).toBeLessThan(1000);
      worker = startTheWorker(server.port, 25);
      await vi.waitFor(() => expect(server.received.length).toBeGreaterThanOrEqual(1000), {
        timeout: 120_000,
        interval: 50,
      });
      await settled();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const recipients = server.received.flatMap(to);
      expect(recipients).toHaveLength(1000);
      expect(new Set(recipients).size).toBe(1000);
      expect(recipients).not.toContain('waiting@example.kz');
      const sample = server.received[0]!;
      expect(sample.subject).toBe('New post: Степь весной');
      expect(sample.text).toContain('Первый абзац о степи.');
      expect(sample.text).toContain('Второй абзац, со ссылкой (http://localhost/welcome/)');
      expect(sample.html).toContain('<a href="http://localhost/welcome/">ссылкой</a>');
      expect(header(sample, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    },
    240_000,
  );

  it.skipIf(skip)(
    "mails the writer each new comment when the site asks for it, and a scheduled post's subscribers when it comes out",
    async () => {
      expect((await changeSettings(t.site.core, { notifyWriterOfComments: true, language: 'ru' })).ok).toBe(
        true,
      );
      await confirmedSubscriber('one@example.kz', { kind: 'posts' });
      await confirmedSubscriber('two@example.kz', { kind: 'posts' });
      worker = startTheWorker(server.port);
      expect(
        (await comment({ comment: 'Для автора', author: 'Ерлан', email: 'erlan@example.kz' })).status,
      ).toBe(303);

      const draft = readPostDraft(
        {
          title: 'Завтрашняя запись',
          slug: 'zavtra',
          status: 'publish',
          date: new Date(Date.now() + 2000).toISOString(),
        },
        'Текст, который выйдет завтра.',
      );
      if (!draft.ok) throw new Error(draft.error.join('; '));
      expect((await publishPost({ ...t.site.core, images: t.site.images }, draft.value, null)).ok).toBe(true);
      await settled();
      // Scheduled: nothing yet.
      expect(mailTo('one@example.kz')).toEqual([]);
      const writer = mailTo('samizdat@localhost');
      expect(writer.map((m) => m.subject)).toEqual([
        '[Дала] Новый комментарий к записи «Welcome to your new site»',
      ]);
      expect(writer[0]!.text).toContain('Для автора');
      expect(writer[0]!.text).toContain('erlan@example.kz');

      await new Promise((resolve) => setTimeout(resolve, 2100));
      expect(await publishDuePosts(t.site.core, new Date())).toHaveLength(1);
      await settled();
      for (const address of ['one@example.kz', 'two@example.kz']) {
        const mails = mailTo(address);
        expect(mails.map((m) => m.subject)).toEqual(['Новая запись: Завтрашняя запись']);
        expect(mails[0]!.text).toContain('Текст, который выйдет завтра.');
        expect(mails[0]!.text).toContain('Отписаться: http://localhost/subscriptions/unsubscribe?token=');
      }
    },
    60_000,
  );

  it.skipIf(skip)(
    'the subscribe form asks for confirmation; bad, expired, reused and misaddressed links change nothing',
    async () => {
      worker = startTheWorker(server.port);
      const page = await send('/welcome/');
      expect(await page.text()).toContain('action="/subscriptions"');
      expect(
        (
          await send('/subscriptions', {
            method: 'POST',
            body: new URLSearchParams({ email: 'x@example.kz' }),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          })
        ).status,
      ).toBe(403);
      expect((await postForm('/subscriptions', { email: 'not an address' })).status).toBe(422);
      const asked = await postForm('/subscriptions', { email: 'Gulnar@Example.kz' });
      expect(asked.status).toBe(200);
      expect(asked.headers.get('cache-control')).toBe('private, no-store');
      await settled();
      const [confirmMail] = mailTo('Gulnar@Example.kz');
      expect(confirmMail!.subject).toBe('Confirm your subscription to Дала');
      const confirmPath = linkIn(confirmMail!, '/subscriptions/confirm');
      const { storage } = t.site.core;
      const gulnar = await storage.subscriptions.ensureSubscriber('gulnar@example.kz', new Date());
      const [subscription] = await storage.subscriptions.subscriptionsOf(gulnar.id);
      const urls = subscriptionUrls(t.site.secret, '');

      // A link with its token altered.
      const forged = confirmPath.replace(/token=(.)/, (_, c: string) => `token=${c === 'a' ? 'b' : 'a'}`);
      expect((await postForm(forged)).status).toBe(404);
      // A link for someone else's address: signed, but naming Gulnar's subscription for another address.
      const misaddressed = urls.confirm(
        { subscriberId: gulnar.id, email: 'other@example.kz', subscriptionIds: [subscription!.id] },
        new Date(),
      );
      const wrong = await postForm(misaddressed);
      expect(wrong.status).toBe(403);
      expect(await wrong.text()).toContain('sent to another address');
      // Expired: made eight days ago.
      const old = urls.confirm(
        { subscriberId: gulnar.id, email: gulnar.email, subscriptionIds: [subscription!.id] },
        new Date(Date.now() - 8 * 86400_000),
      );
      const expired = await postForm(old);
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain('expired');
      // A confirm link is not an unsubscribe link, and a POST from elsewhere is refused.
      expect((await postForm(confirmPath.replace('/confirm?', '/unsubscribe?'))).status).toBe(404);
      expect(
        (
          await send(confirmPath, {
            method: 'POST',
            headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
            body: '',
          })
        ).status,
      ).toBe(403);
      expect((await storage.subscriptions.subscriptionsOf(gulnar.id))[0]!.confirmedAt).toBeNull();

      expect((await postForm(confirmPath)).status).toBe(200);
      const again = await postForm(confirmPath);
      expect(again.status).toBe(200);
      expect(await again.text()).toContain('Already confirmed');
      const manage = await send(urls.manage({ subscriberId: gulnar.id, email: gulnar.email }));
      expect(manage.status).toBe(200);
      expect(manage.headers.get('cache-control')).toBe('private, no-store');
      expect(await manage.text()).toContain('New posts on Дала');
      // After unsubscribing, the confirm link cannot bring the subscription back.
      const all = urls.unsubscribe({ subscriberId: gulnar.id, email: gulnar.email });
      expect((await send(all, { method: 'POST' })).status).toBe(200);
      expect((await postForm(confirmPath)).status).toBe(404);
      expect(await storage.subscriptions.subscriptionsOf(gulnar.id)).toEqual([]);
      await settled();
      expect(mailTo('Gulnar@Example.kz')).toHaveLength(1);
    },
    60_000,
  );
});
