import type { Server } from 'node:http';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWelcomeContent } from '../core/site/welcome.ts';
import { makeTestSite, type TestSite } from '../../test/support/site.ts';
import { peakRss, rawConnection, statusOf } from '../../test/support/raw-http.ts';
import { consoleLogger } from './logger.ts';
import { SERVER_LIMITS, startServer } from './serve.ts';

const MB = 1024 * 1024;

// On a loaded machine (CI, shared cores) these take several times what they take alone.
describe('the started server', { timeout: 120_000 }, () => {
  let t: TestSite;
  let running: Awaited<ReturnType<typeof startServer>>;
  let postId: number;

  beforeAll(async () => {
    t = await makeTestSite('sqlite');
    await ensureWelcomeContent(t.site.core);
    postId = (await t.site.core.storage.posts.findBySlug('welcome'))!.id;
    running = await startServer(t.site, { limits: { headersTimeoutMs: 1000 } });
  });
  afterAll(async () => {
    await running?.stop();
    await t?.close();
  });

  it('refuses a 600 MB chunked comment while it streams, resident memory growing by under 64 MB', async () => {
    const { result, before, peak } = await peakRss(async () => {
      const conn = await rawConnection(running.url);
      const { socket } = conn;
      socket.write(
        'POST /comments HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost\r\n' +
          'Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n',
      );
      const start = Buffer.from(`post_id=${postId}&comment_parent=0&author=A&email=a%40example.org&comment=`);
      socket.write(`${start.length.toString(16)}\r\n${start.toString()}\r\n`);
      const block = Buffer.alloc(MB, 'a');
      const chunk = Buffer.concat([
        Buffer.from(`${block.length.toString(16)}\r\n`),
        block,
        Buffer.from('\r\n'),
      ]);
      let sent = 0;
      while (sent < 600 * MB && !conn.isClosed()) {
        if (!socket.write(chunk))
          await Promise.race([new Promise((r) => socket.once('drain', r)), conn.closed]);
        sent += block.length;
      }
      if (!conn.isClosed()) socket.end('0\r\n\r\n');
      await conn.closed;
      return { sent, answer: conn.received() };
    });
    expect(statusOf(result.answer)).toBe(413);
    expect(result.answer).toContain('too large to be received');
    expect(result.sent).toBeLessThan(100 * MB);
    expect(peak - before).toBeLessThan(64 * MB);
  });

  it('closes a thousand slow-header connections: past the per-address cap at once, the rest at the header timeout', async () => {
    const server = running.server as Server;
    let mostHeld = 0;
    const watch = setInterval(() => server.getConnections((_e, n) => (mostHeld = Math.max(mostHeld, n))), 5);
    const started = Date.now();
    const conns = await Promise.all(
      Array.from({ length: 1000 }, async () => {
        const conn = await rawConnection(running.url);
        if (!conn.isClosed()) conn.socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
        return conn;
      }),
    );
    await Promise.all(conns.map((c) => c.closed));
    clearInterval(watch);
    // headersTimeoutMs is 1 s here, checked every 0.5 s; Node's defaults would take 60 to 90 s.
    expect(Date.now() - started).toBeLessThan(15_000);
    // Those the server held were answered 408 at the timeout; the others were refused at once.
    expect(conns.filter((c) => statusOf(c.received()) === 408).length).toBeGreaterThan(0);
    expect(conns.filter((c) => c.received() === '').length).toBeGreaterThan(0);
    // A refused connection is counted for the moment before it is destroyed: a little slack.
    expect(mostHeld).toBeLessThanOrEqual(SERVER_LIMITS.connectionsPerAddress + 16);

    const res = await fetch(`${running.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it.each([
    '//evil.example/phish',
    '/\\evil.example/phish',
    '/%2F%2Fevil.example/phish',
    '/tag/%00/',
    '/media/%.jpg',
  ])('answers GET %s from a real socket without a redirect, as not found', async (path) => {
    const conn = await rawConnection(running.url);
    conn.socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    await conn.closed;
    const head = conn.received().split('\r\n\r\n')[0]!;
    // Node itself refuses a backslash in the request line (400); the app answers the rest.
    expect([400, 404]).toContain(statusOf(head));
    expect(head.toLowerCase()).not.toContain('location:');
  });

  it('answers headers past the cap with 431, and sets the timeouts it states', async () => {
    const conn = await rawConnection(running.url);
    conn.socket.write(`GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    await conn.closed;
    expect(statusOf(conn.received())).toBe(431);
    const server = running.server as Server;
    expect(server.requestTimeout).toBe(SERVER_LIMITS.requestTimeoutMs);
    expect(server.keepAliveTimeout).toBe(SERVER_LIMITS.keepAliveTimeoutMs);
    expect(server.maxConnections).toBe(SERVER_LIMITS.maxConnections);
  });
});

describe('a server whose database has gone away', { timeout: 120_000 }, () => {
  const lines: string[] = [];
  let t: TestSite;
  let running: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    // A clock that stands still: however slow the machine, the flood falls in one window of the limit.
    const at = new Date();
    const log = consoleLogger('info', { write: (_level, line) => lines.push(line), now: () => at });
    t = await makeTestSite('sqlite', { log });
    running = await startServer(t.site);
    await t.site.close();
  });
  afterAll(async () => {
    await running?.stop();
    await t?.close();
  });

  it('logs one line per failed request at most, and a flood of them in a few kilobytes', async () => {
    lines.length = 0;
    const res = await fetch(`${running.url}/healthz`);
    expect(res.status).toBe(500);
    const id = res.headers.get('x-request-id')!;
    expect(await res.text()).toContain(id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^\\S+ ERROR unexpected error id=${id} method=GET path=/healthz `));

    const flood = await new Promise<autocannon.Result>((resolve, reject) =>
      autocannon({ url: `${running.url}/tag/x/`, connections: 50, amount: 500 }, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
    // Well past the 20 lines a kind of event may write in one window.
    expect(flood['5xx']).toBeGreaterThan(400);
    const written = lines.join('\n');
    // At most 20 lines of one kind per 10 s; the issue saw 42 MB in 5 s.
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(written.length).toBeLessThan(16 * 1024);
    expect(written).not.toContain(t.dataDir);
    expect(written).not.toMatch(/\n\s+at /);
  });
});
