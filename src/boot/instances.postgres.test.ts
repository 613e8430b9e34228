import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postComment, readCommentForm, type CommentForm } from '../../bench/comment-form.ts';
import { freePort, HOST, startChild, waitUntilUp, type Child } from '../../bench/processes.ts';
import { changeSettings } from '../core/site/change-settings.ts';
import { loadConfig } from '../config/load.ts';
import {
  freshPostgresDatabase,
  postgresAvailability,
  type TestDatabase,
} from '../../test/support/postgres.ts';
import { redisAvailability, TEST_REDIS_URL } from '../../test/support/redis.ts';
import { openSite } from './site.ts';

const pg = await postgresAvailability();
const redis = await redisAvailability();
const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/samizdat.js');

const RATE_LIMIT = 4;
const REFUSED_LIMIT = 3;

/**
 * Two `samizdat serve` processes on one PostgreSQL database, as behind a load balancer: what one
 * instance writes, the other shows; the comment limits count both instances' answers together.
 * (Each job and each scheduled publication happening once with several instances is proved in
 * src/jobs/workers.postgres.test.ts.)
 */
describe.each([
  { over: 'PostgreSQL alone', redisUrl: undefined },
  { over: 'Redis (REDIS_URL)', redisUrl: TEST_REDIS_URL },
])('two instances on one PostgreSQL, signals and limits over $over', { timeout: 120_000 }, ({ redisUrl }) => {
  const skip = !pg.available || (redisUrl !== undefined && !redis.available);
  let database: TestDatabase;
  let dataDir: string;
  let origin: string;
  const instances: { url: string; child: Child }[] = [];
  let env: Record<string, string>;
  let form: CommentForm;

  beforeAll(async () => {
    if (skip) return;
    const fresh = await freshPostgresDatabase();
    if ('skip' in fresh) throw new Error(fresh.skip);
    database = fresh;
    dataDir = await mkdtemp(join(tmpdir(), 'samizdat-instances-'));
    const ports = [await freePort(), await freePort()];
    origin = `http://${HOST}:${ports[0]}`;
    env = {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      SITE_URL: origin,
      LOG_LEVEL: 'error',
      HOST,
      TRUST_PROXY: 'true',
      // Each run its own site URL, so its Redis keys are its own.
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    };
    // Limits small enough to reach; no minimum fill time, the form is posted at once.
    const site = await openSite(loadConfig(env));
    const changed = await changeSettings(site.core, {
      commentMinFillSeconds: 0,
      commentRateLimit: RATE_LIMIT,
      commentRefusedLimit: REFUSED_LIMIT,
    });
    await site.close();
    if (!changed.ok) throw new Error(changed.error.problems.join('; '));
    for (const [i, role] of (['all', 'web'] as const).entries()) {
      const url = `http://${HOST}:${ports[i]}`;
      const child = startChild(`instance ${i + 1}`, [BIN, 'serve', '--role', role], {
        ...env,
        PORT: String(ports[i]),
      });
      instances.push({ url, child });
      await waitUntilUp(child, `${url}/healthz`, 30_000);
    }
    form = await readCommentForm(`${instances[1]!.url}/welcome/`);
  });
  afterAll(async () => {
    for (const { child } of instances) await child.stop();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const [first, second] = [() => instances[0]!.url, () => instances[1]!.url];
  const page = (base: string) => fetch(`${base}/welcome/`).then((r) => r.text());
  const comment = (base: string, n: number, text = `Comment number ${n}.`) =>
    postComment(base, origin, form, {
      author: `Reader ${n}`,
      email: `reader${n}@example.org`,
      comment: text,
    });

  it.skipIf(skip)(
    'shows through one instance, within a second, a comment approved through the other',
    async () => {
      // A first comment from an address waits for approval.
      const posted = await comment(second(), 1, 'Held until a moderator reads it.');
      expect(posted.status).toBe(303);
      const id = posted.commentId!;
      expect(await page(first())).not.toContain(`id="comment-${id}"`);

      const cli = spawn(process.execPath, [BIN, 'comments', 'approve', String(id)], {
        env: { ...process.env, ...env },
        stdio: 'ignore',
      });
      const [code] = (await once(cli, 'exit')) as [number];
      expect(code).toBe(0);
      const approvedAt = Date.now();
      let seenAfter = Infinity;
      while (Date.now() - approvedAt < 3000) {
        const [a, b] = await Promise.all([page(first()), page(second())]);
        if (a.includes(`id="comment-${id}"`) && b.includes(`id="comment-${id}"`)) {
          seenAfter = Date.now() - approvedAt;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(seenAfter).toBeLessThan(1000);
    },
  );

  it.skipIf(skip)(
    'answers the same comment again through the other instance with "you already said that"',
    async () => {
      const again = await postComment(first(), origin, form, {
        author: 'Reader 1',
        email: 'reader1@example.org',
        comment: 'Held until a moderator reads it.',
      });
      expect(again.status).toBe(422);
    },
  );

  it.skipIf(skip)('counts comments from one address on both instances against one limit', async () => {
    // One comment was accepted above; the limit is reached after RATE_LIMIT - 1 more, whichever
    // instance takes them, and the next is refused by either.
    const answers: number[] = [];
    for (let n = 2; n <= RATE_LIMIT + 2; n++) {
      answers.push((await comment(n % 2 === 0 ? first() : second(), n)).status);
    }
    expect(answers).toEqual([...Array<number>(RATE_LIMIT - 1).fill(303), 429, 429]);
  });

  it.skipIf(skip)(
    'counts refused forms on both instances against one limit, then answers briefly',
    async () => {
      // The repeated comment above was the first refusal; empty comments make the rest.
      const answers: number[] = [];
      for (let n = 0; n < REFUSED_LIMIT; n++) {
        const base = n % 2 === 0 ? second() : first();
        answers.push(
          (await postComment(base, origin, form, { author: 'R', email: 'r@example.org', comment: '' }))
            .status,
        );
      }
      expect(answers).toEqual([...Array<number>(REFUSED_LIMIT - 1).fill(422), 429]);
    },
  );

  it.skipIf(skip)('writes the same comment sent to both instances at the same moment once', async () => {
    // From other readers (the instances trust X-Forwarded-For here), so the limits above are theirs.
    for (let round = 0; round < 5; round++) {
      const same = {
        author: 'Twice',
        email: `twice${round}@example.org`,
        comment: `Sent twice at once, round ${round}.`,
      };
      const answers = await Promise.all([
        postComment(first(), origin, form, { ...same, forwardedFor: `192.0.${round}.1` }),
        postComment(second(), origin, form, { ...same, forwardedFor: `192.0.${round}.2` }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([303, 422]);
    }
  });
});
