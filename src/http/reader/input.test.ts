import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWelcomeContent } from '../../core/site/welcome.ts';
import { makeTestSite, type Dialect, type TestSite } from '../../../test/support/site.ts';
import { postgresAvailability } from '../../../test/support/postgres.ts';

const pg = await postgresAvailability();

/**
 * Addresses no page can have: a stranger's NUL bytes, numbers past the databases' range and dates
 * that do not exist get the same plain "not found" on both databases, never a 500, and the first
 * page of a listing has one address only.
 */
describe.each<Dialect>(['sqlite', 'postgres'])('hostile reader addresses (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;

  beforeAll(async () => {
    if (skip) return;
    t = await makeTestSite(dialect);
    await ensureWelcomeContent(t.site.core);
  });
  afterAll(async () => t?.close());

  const get = (path: string) => t.app.request(path);

  it
    .skipIf(skip)
    .each([
      '/tag/%00/',
      '/category/%00/',
      '/author/%00/',
      '/tag/a%01b/',
      '/x%00/',
      '/x%00/feed/',
      '/welcome%00/',
      '/tag/%00/feed/',
      '/author/%00/feed/atom/',
      '/?p=2147483648',
      '/?p=99999999999',
      '/?page_id=99999999999999999999999',
      '/?p=-1',
      '/?p=0',
      '/?feed=rss2&author=99999999999',
      '/?feed=rss2&p=2147483648',
      '/?feed=atom&author=-5',
      '/2026/00/',
      '/2026/00/00/',
      '/2026/13/',
      '/2026/02/30/',
      '/2025/02/29/',
      '/0000/',
      '/page/00001/',
      '/page/0/',
      '/page/99999999999/',
      '/page/2147483648/',
      '/tag/welcome/page/01/',
      '/sitemap-posts-99999999999.xml',
      '/sitemap-posts-0.xml',
    ])('answers %s with 404', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
  });

  it.skipIf(skip)('sends the first page of a listing to its own address', async () => {
    const res = await get('/page/1/');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/');
    expect((await get('/')).status).toBe(200);
  });

  it.skipIf(skip)('shows a real date archive with its date as heading', async () => {
    const year = new Date().getUTCFullYear();
    const res = await get(`/${year}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`${year}</h1>`);
    for (const impossible of [`/${year}/00/`, `/${year}/00/00/`, `/${year}/01/00/`]) {
      expect((await get(impossible)).status, impossible).toBe(404);
    }
  });

  it.skipIf(skip)('ignores a reply target no comment can have', async () => {
    const res = await get('/welcome/?replytocom=99999999999');
    expect(res.status).toBe(200);
  });

  it.skipIf(skip)('keeps the trailing-slash redirect on this site', async () => {
    for (const path of ['//evil.example/phish', '///evil.example/phish']) {
      const res = await get(path);
      const location = res.headers.get('location');
      if (location !== null) expect(location).toMatch(/^\/(?![/\\])/);
    }
  });
});
