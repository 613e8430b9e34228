import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeed } from '../../../test/support/feeds/reader.ts';
import { checkJsonFeed, checkXmlFeed } from '../../../test/support/feeds/validator.ts';
import { makeTestSite, type TestSite } from '../../../test/support/site.ts';
import { importDeps } from '../../../test/support/wordpress/import.ts';
import { wxrClose, wxrItem, wxrOpen } from '../../../tools/wxr-writer.ts';
import { importWordpress } from './import.ts';

/**
 * A subscriber who moved with the blog: the imported posts' feed items carry the ids WordPress's
 * feeds gave them (their guids), so a feed reader sees nothing twice; a post written here has its own.
 */
const BLOG = 'http://example.net/blog';

describe('feed continuity for imported posts', () => {
  let t: TestSite;
  let dir: string;

  beforeAll(async () => {
    t = await makeTestSite('sqlite');
    dir = await mkdtemp(join(tmpdir(), 'samizdat-feed-ids-'));
    const file = join(dir, 'export.xml');
    await writeFile(
      file,
      [
        wxrOpen({ title: 'Blog', url: BLOG }),
        wxrItem({ id: 884, title: 'Round table', slug: 'round-table', dateGmt: '2019-05-03 08:00:00', link: `${BLOG}/?p=884`, guid: `${BLOG}/?p=884` }),
        wxrItem({ id: 885, title: 'No guid', slug: 'no-guid', dateGmt: '2019-05-04 08:00:00', link: `${BLOG}/?p=885`, guid: 'not a URI' }),
        wxrClose,
      ].join(''),
    ); // prettier-ignore
    await importWordpress(importDeps(t), { file });
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['/feed/', 'rss'],
    ['/feed/atom/', 'atom'],
    ['/feed.json', 'json'],
  ] as const)(
    '%s gives an imported post its WordPress guid as its id, valid in the format',
    async (path, format) => {
      const body = await (await t.app.request(path)).text();
      expect(format === 'json' ? checkJsonFeed(body) : checkXmlFeed(body)).toEqual([]);
      const ids = new Map(readFeed(body, format).items.map((item) => [item.title, item.id]));
      expect(ids.get('Round table')).toBe(`${BLOG}/?p=884`);
      // A guid that is no URI cannot be an Atom id: the post gets one of this site's.
      expect(ids.get('No guid')).toMatch(/^tag:localhost,\d{4}-\d{2}-\d{2}:post-\d+$/);
    },
  );

  it('keeps the guid as the item’s guid, not its link, in RSS', async () => {
    const rss = await (await t.app.request('/feed/')).text();
    expect(rss).toContain(`<guid isPermaLink="false">${BLOG}/?p=884</guid>`);
  });
});
