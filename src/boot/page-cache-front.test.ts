import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWelcomeContent } from '../core/site/welcome.ts';
import { makeTestSite, type TestSite } from '../../test/support/site.ts';
import { startServer } from './serve.ts';

/** The real server answers a kept page from node:http, before Hono, with everything the app would send. */
describe('the page cache in front of the server', () => {
  let t: TestSite;
  let running: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    t = await makeTestSite('sqlite', { env: { PAGE_CACHE: 'on' } });
    await ensureWelcomeContent(t.site.core);
    running = await startServer(t.site);
  });
  afterAll(async () => {
    await running?.stop();
    await t?.close();
  });

  it('answers a hit without running the app, with the same bytes and headers', async () => {
    const first = await fetch(`${running.url}/welcome/`);
    const firstBody = await first.text();
    expect(first.headers.get('x-request-id')).toBeTruthy(); // this one was rendered
    const renders = t.services.pageCache!.renders;
    const hit = await fetch(`${running.url}/welcome/`);
    expect(await hit.text()).toBe(firstBody);
    expect(t.services.pageCache!.renders).toBe(renders);
    expect(hit.headers.get('x-request-id')).toBeNull(); // nothing ran that could log
    for (const name of [
      'content-security-policy',
      'x-content-type-options',
      'content-type',
      'etag',
      'cache-tag',
    ])
      expect(hit.headers.get(name), name).toBe(first.headers.get(name));
  });

  it('answers HEAD and a matching If-None-Match from memory too', async () => {
    const full = await fetch(`${running.url}/welcome/`, { headers: { 'accept-encoding': 'br' } });
    await full.arrayBuffer();
    const head = await fetch(`${running.url}/welcome/`, {
      method: 'HEAD',
      headers: { 'accept-encoding': 'br' },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(full.headers.get('content-length'));
    const again = await fetch(`${running.url}/welcome/`, {
      headers: { 'accept-encoding': 'br', 'if-none-match': full.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('sends a reader with a cookie of ours to the app', async () => {
    const answer = await fetch(`${running.url}/welcome/`, { headers: { cookie: 'samizdat_own=x' } });
    await answer.arrayBuffer();
    expect(answer.headers.get('x-request-id')).toBeTruthy();
    expect(answer.headers.get('cache-control')).toBe('public, no-cache');
  });
});
