import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, HOST, startChild, waitUntilUp, type Child } from '../../../bench/processes.ts';
import { openSite } from '../../boot/site.ts';
import { loadConfig } from '../../config/load.ts';
import { changeSettings } from '../../core/site/change-settings.ts';
import {
  freshPostgresDatabase,
  postgresAvailability,
  type TestDatabase,
} from '../../../test/support/postgres.ts';

const pg = await postgresAvailability();
const BIN = join(import.meta.dirname, '../../../bin/samizdat.js');

/**
 * Two `samizdat serve` processes on one PostgreSQL database, each with its page cache: a change
 * written through one (or by a command) reaches the other's cache through the signals.
 */
describe.skipIf(!pg.available)('the page cache on two instances', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let dataDir: string;
  let origin: string;
  let env: Record<string, string>;
  const instances: { url: string; child: Child }[] = [];

  beforeAll(async () => {
    const fresh = await freshPostgresDatabase();
    if ('skip' in fresh) throw new Error(fresh.skip);
    database = fresh;
    dataDir = await mkdtemp(join(tmpdir(), 'samizdat-cache-instances-'));
    const ports = [await freePort(), await freePort()];
    origin = `http://${HOST}:${ports[0]}`;
    env = { DATABASE_URL: database.url, DATA_DIR: dataDir, SITE_URL: origin, LOG_LEVEL: 'error', HOST };
    const site = await openSite(loadConfig(env));
    await changeSettings(site.core, { commentMinFillSeconds: 0 });
    await site.close();
    for (const [i, role] of (['all', 'web'] as const).entries()) {
      const url = `http://${HOST}:${ports[i]}`;
      const child = startChild(`instance ${i + 1}`, [BIN, 'serve', '--role', role], {
        ...env,
        PORT: String(ports[i]),
        PAGE_CACHE: 'on',
      });
      instances.push({ url, child });
      await waitUntilUp(child, `${url}/healthz`, 30_000);
    }
  });
  afterAll(async () => {
    for (const { child } of instances) await child.stop();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const page = (base: string) => fetch(`${base}/welcome/`);
  /** Whether both instances answer the welcome page from their caches (a hit carries no request id). */
  const bothCached = async () => {
    const answers = await Promise.all(instances.map(({ url }) => page(url)));
    await Promise.all(answers.map((a) => a.arrayBuffer()));
    return answers.every((a) => a.status === 200 && !a.headers.has('x-request-id'));
  };
  /** Milliseconds from now until both instances show `text` on the welcome page (Infinity after 3 s). */
  const untilBothShow = async (text: string) => {
    const start = Date.now();
    while (Date.now() - start < 3000) {
      const pages = await Promise.all(instances.map(({ url }) => page(url).then((r) => r.text())));
      if (pages.every((p) => p.includes(text))) return Date.now() - start;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return Infinity;
  };
  const postComment = async (base: string, author: string, comment: string) => {
    const form = await page(base).then((r) => r.text());
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(form)?.[1] ?? '';
    const response = await fetch(`${base}/comments`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        post_id: field('post_id'),
        token: field('token'),
        author,
        email: `${author.toLowerCase()}@example.org`,
        comment,
      }),
    });
    expect(response.status).toBe(303);
    return Number(response.headers.get('location')!.split('-').pop());
  };

  it('shows on both, within a second, a comment approved by a command', async () => {
    const [first, second] = instances.map((i) => i.url) as [string, string];
    const id = await postComment(second, 'Aigerim', 'Held, then approved by the moderator.');
    await page(first).then((r) => r.text());
    await page(second).then((r) => r.text());
    expect(await bothCached()).toBe(true);
    expect(await page(first).then((r) => r.text())).not.toContain('Held, then approved');

    const cli = spawn(process.execPath, [BIN, 'comments', 'approve', String(id)], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    expect((await once(cli, 'exit'))[0]).toBe(0);
    expect(await untilBothShow('Held, then approved by the moderator.')).toBeLessThan(1000);
    expect(await bothCached()).toBe(true);
  });

  it('shows on the other instance, within a second, a comment published through one', async () => {
    const [first, second] = instances.map((i) => i.url) as [string, string];
    // Aigerim was approved above: her next comment is published at once.
    expect(await bothCached()).toBe(true);
    await postComment(first, 'Aigerim', 'A second word, published at once.');
    expect(await untilBothShow('A second word, published at once.')).toBeLessThan(1000);
    await postComment(second, 'Aigerim', 'A third, through the web-only instance.');
    expect(await untilBothShow('A third, through the web-only instance.')).toBeLessThan(1000);
  });
});
