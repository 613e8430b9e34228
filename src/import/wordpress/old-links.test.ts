import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailability } from '../../../test/support/postgres.ts';
import { makeTestSite, type Dialect, type TestSite } from '../../../test/support/site.ts';
import { importDeps } from '../../../test/support/wordpress/import.ts';
import {
  defaultPermalinksExport,
  OLD_ADDRESSES,
  prettyPermalinksExport,
} from '../../../test/support/wordpress/moved-blogs.ts';
import { importWordpress } from './import.ts';
import type { ImportReport } from './report.ts';

const pg = await postgresAvailability();

/** Where a reader asking for `path` ends up: every hop a 301 on this site, then a 200 (or the 404). */
async function landing(t: TestSite, path: string): Promise<string | 404> {
  let at = path;
  for (let hop = 0; hop < 5; hop++) {
    const res = await t.app.request(at);
    if (res.status === 404) return 404;
    if (res.status === 200) return at;
    expect(res.status, `${path} → ${at}`).toBe(301);
    at = res.headers.get('location')!;
    expect(at, path).toMatch(/^\/(?!\/)/);
  }
  throw new Error(`${path}: more than five redirects`);
}

const hrefs = (html: string) =>
  [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

describe.each<Dialect>(['sqlite', 'postgres'])('a moved blog’s old links (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;
  let dir: string;
  const reports: ImportReport[] = [];

  beforeAll(async () => {
    if (skip) return;
    t = await makeTestSite(dialect, { settings: { postsPerPage: 2 } });
    dir = await mkdtemp(join(tmpdir(), 'samizdat-old-links-'));
    const media = join(dir, 'uploads');
    await mkdir(join(media, '2019/05'), { recursive: true });
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#369' } })
      .jpeg()
      .toFile(join(media, '2019/05/orphan.jpg'));
    for (const [name, xml] of [
      ['default.xml', defaultPermalinksExport()],
      ['pretty.xml', prettyPermalinksExport()],
    ] as const) {
      await writeFile(join(dir, name), xml);
      reports.push(await importWordpress(importDeps(t), { file: join(dir, name), mediaDir: media }));
    }
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(skip)('learns each blog’s folder from its export', () => {
    expect(reports.map((r) => r.source)).toEqual(['example.net/blog', 'writer.example.org/notes']);
  });

  it.skipIf(skip)('answers every old address of every item with 301s to the one page it named', async () => {
    const wrong: string[] = [];
    for (const [old, expected] of OLD_ADDRESSES) {
      const landed = await landing(t, old);
      const ok = expected === 'media:' ? String(landed).startsWith('/media/') : landed === expected;
      if (!ok) wrong.push(`${old} → ${landed}, not ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  it.skipIf(skip)('never makes an alias of the folder itself from a link with a query', async () => {
    const res = await t.app.request('/blog/');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/');
    expect(await t.site.core.storage.aliases.find('/blog/')).toBeUndefined();
  });

  it.skipIf(skip)('reports the old address two items claimed, and the one settled by an item’s id', () => {
    const [defaults, pretty] = reports;
    const notes = (r: ImportReport | undefined) => r!.notes.flatMap((n) => n.examples.map((e) => `${n.reason}: ${e}`));
    expect(notes(pretty)).toContainEqual(
      'old address claimed by two items or more: it leads to none of them: /notes/2019/06/02/twin/ (item 40, item 41)',
    );
    expect(notes(pretty).some((n) => n.includes('/2019/06/02/twin/ (item 40, item 41)') && !n.includes('/notes'))).toBe(true);
    expect(notes(defaults)).toContainEqual(
      'old address also claimed less surely by another item: it leads to the surer one: /blog/?p=30 (item 30; not item 31)',
    );
  });

  it.skipIf(skip)('rewrites links to the old blog, on any host, scheme or folder, to the new addresses', async () => {
    const roundTable = hrefs(await (await t.app.request('/round-table/')).text());
    for (const href of ['/courts-essay/', '/about/#team', '/category/news/', '/category/courts/', '/', '/round-table/', '/feed/'])
      expect(roundTable, href).toContain(href);
    expect(roundTable).toContain('https://other.example/blog/?p=42');
    expect(roundTable.filter((h) => /example\.net/.test(h))).toEqual([]);

    const vybory = hrefs(await (await t.app.request(`/${encodeURIComponent('выборы')}/`)).text());
    for (const href of ['/spring/', '/about-me/', '/spring/#comments', '/feed/atom/']) expect(vybory, href).toContain(href);
    expect(vybory.filter((h) => /writer\.example\.org|\/notes\//.test(h))).toEqual([]);

    const courts = await (await t.app.request('/courts-essay/')).text();
    expect(courts).toContain('href="/round-table/#comment-1"');
  });

  it.skipIf(skip)('changes nothing and reports no new clash when both are imported again', async () => {
    for (const name of ['default.xml', 'pretty.xml']) {
      const again = await importWordpress(importDeps(t), { file: join(dir, name) });
      expect(again.imported.aliases).toBe(0);
      expect(again.notes.filter((n) => n.reason.startsWith('old address'))).toEqual([]);
    }
    const wrong: string[] = [];
    for (const [old, expected] of OLD_ADDRESSES) {
      const landed = await landing(t, old);
      if (expected !== 'media:' && landed !== expected) wrong.push(`${old} → ${landed}`);
    }
    expect(wrong).toEqual([]);
  });
}); // prettier-ignore
