import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mailServer } from '../../test/support/smtp.ts';
import type { Dialect } from '../../test/support/site.ts';
import { sharedDatabase, type SharedDatabase } from '../../test/support/storage.ts';
import { MAIL_SEND, mailJob } from '../core/jobs/mail.ts';
import { systemClock } from '../core/ports/clock.ts';
import { MemorySignals } from '../core/ports/signals.ts';
import type { Storage } from '../core/ports/storage.ts';
import { jobRegistry } from '../jobs/handlers.ts';
import { startWorker, type RunningWorker } from '../jobs/worker.ts';
import { postgresAvailability } from '../../test/support/postgres.ts';
import { smtpMailer } from './smtp.ts';

const pg = await postgresAvailability();
const FROM = 'Samizdat <noreply@blog.example.kz>';

describe.each<Dialect>(['sqlite', 'postgres'])('mail over SMTP through the job worker (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let db: SharedDatabase;
  let storage: Storage;
  let worker: RunningWorker | undefined;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    if (skip) return;
    db = await sharedDatabase(dialect);
    storage = await db.open();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    for (const close of closers.splice(0)) await close();
    await db?.close();
  });

  const work = (url: string) => {
    const mailer = smtpMailer(url, FROM, { timeoutMs: 2000 });
    closers.push(() => mailer.close());
    worker = startWorker(
      {
        storage,
        clock: systemClock,
        signals: new MemorySignals(),
        registry: jobRegistry({ core: { storage }, mailer, mailHost: 'blog.example.kz' }),
      },
      { pollMs: 20, leaseMs: 10_000, backoff: { baseMs: 150, maxMs: 1000 }, log: () => {} },
    );
  };
  /** The mail jobs, newest first (the worker also arms its recurring jobs). */
  const mailJobs = async () =>
    (await storage.jobs.list({ limit: 50 })).filter((job) => job.type === MAIL_SEND);
  const message = {
    to: 'Айгерим <aigerim@example.kz>',
    subject: 'Ответ на ваш комментарий',
    text: 'Дана ответила: «Спасибо».',
    html: '<p>Дана ответила: <b>«Спасибо»</b>.</p>',
  };

  it.skipIf(skip)(
    'delivers a message with its text and HTML parts, from MAIL_FROM, with a Message-ID from the job',
    async () => {
      const server = await mailServer();
      closers.push(server.close);
      await storage.jobs.enqueue(mailJob(message), new Date());
      work(server.url);
      await vi.waitFor(() => expect(server.received).toHaveLength(1), { timeout: 10_000 });
      const [mail] = server.received;
      expect(mail!.subject).toBe(message.subject);
      expect(mail!.text?.trim()).toBe(message.text);
      expect(mail!.html).toContain('<b>«Спасибо»</b>');
      expect(mail!.from?.value).toEqual([{ address: 'noreply@blog.example.kz', name: 'Samizdat' }]);
      expect(mail!.to).toMatchObject({ value: [{ address: 'aigerim@example.kz', name: 'Айгерим' }] });
      const [job] = await mailJobs();
      expect(mail!.messageId).toMatch(new RegExp(`^<job-${job!.id}\\.[a-z0-9]+@blog\\.example\\.kz>$`));
      await vi.waitFor(async () => expect((await storage.jobs.findById(job!.id))?.status).toBe('done'));
    },
  );

  it.skipIf(skip)(
    'retries with backoff while the server is down, and the message arrives once when it is back',
    async () => {
      const probe = await mailServer();
      const port = probe.port;
      await probe.close();
      await storage.jobs.enqueue(mailJob(message), new Date());
      work(`smtp://127.0.0.1:${port}`);
      await vi.waitFor(
        async () => {
          const [job] = await mailJobs();
          expect(job).toMatchObject({ status: 'pending' });
          expect(job!.attempts).toBeGreaterThanOrEqual(2);
          expect(job!.lastError).toMatch(/ECONNREFUSED|connect/i);
        },
        { timeout: 10_000, interval: 20 },
      );
      const server = await mailServer(port);
      closers.push(server.close);
      await vi.waitFor(
        async () => expect(await storage.jobs.list({ statuses: ['done'], limit: 1 })).toHaveLength(1),
        { timeout: 10_000, interval: 20 },
      );
      // Time for a duplicate to arrive, were one coming.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(server.received.map((m) => m.subject)).toEqual([message.subject]);
    },
  );

  it.skipIf(skip)(
    "fails a message the server refuses for good at once, with the server's reply",
    async () => {
      const server = await mailServer(0, { reject: 'gone@example.kz' });
      closers.push(server.close);
      await storage.jobs.enqueue(mailJob({ ...message, to: 'gone@example.kz' }), new Date());
      await storage.jobs.enqueue(mailJob(message), new Date());
      work(server.url);
      await vi.waitFor(
        async () => expect(await storage.jobs.list({ statuses: ['failed'], limit: 1 })).toHaveLength(1),
        { timeout: 10_000, interval: 20 },
      );
      const [failed] = await storage.jobs.list({ statuses: ['failed'], limit: 1 });
      expect(failed).toMatchObject({ attempts: 1 });
      expect(failed!.lastError).toMatch(/550/);
      await vi.waitFor(() => expect(server.received).toHaveLength(1));
    },
  );
});
