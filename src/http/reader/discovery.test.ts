import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPostDraft } from '../../core/posts/post-file.ts';
import { publishPost } from '../../core/posts/publish.ts';
import { ensureWelcomeContent } from '../../core/site/welcome.ts';
import { makeTestSite, type Dialect, type TestSite } from '../../../test/support/site.ts';
import { postgresAvailability } from '../../../test/support/postgres.ts';

const pg = await postgresAvailability();

/** Sitemaps, robots.txt, link previews and related reading: how readers and crawlers find the writing. */
describe.each<Dialect>(['sqlite', 'postgres'])('finding the writing (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;
  let photo: Uint8Array;

  const publish = async (meta: Record<string, unknown>, body = 'Text of the essay.') => {
    const draft = readPostDraft(meta, body);
    if (!draft.ok) throw new Error(draft.error.join('; '));
    const image = draft.value.image ? photo : null;
    const result = await publishPost({ ...t.site.core, images: t.site.images }, draft.value, image);
    if (!result.ok) throw new Error(result.error.type);
    return result.value.post;
  };

  beforeAll(async () => {
    if (skip) return;
    t = await makeTestSite(dialect);
    await ensureWelcomeContent(t.site.core);
    photo = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#456' } })
      .jpeg()
      .toBuffer();
    await publish({ title: 'Courts and press', date: '2026-01-01T10:00:00Z', tags: ['courts', 'press'] });
    await publish({ title: 'Only press', date: '2026-01-02T10:00:00Z', tags: ['press'] });
    await publish({
      title: 'Суды & «пресса»',
      slug: 'sudy',
      date: '2026-01-03T10:00:00Z',
      tags: ['courts', 'press'],
      excerpt: 'Short <summary> & more',
      image: 'photo.jpg',
      image_alt: 'A courtroom',
    });
    await publish({ title: 'About', type: 'page', slug: 'about' });
    await publish({ title: 'Draft', slug: 'draft', status: 'draft' });
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)('links a post to its neighbours and to posts on the same subjects', async () => {
    const html = await (await t.app.request('/sudy/')).text();
    expect(html).toMatch(/rel="prev" href="\/only-press\/"/);
    expect(html).toMatch(/rel="next" href="\/welcome\/"|rel="next"/);
    const related = html.slice(html.indexOf('class="related"'), html.indexOf('</aside>'));
    expect(related.indexOf('/courts-and-press/')).toBeGreaterThan(-1);
    expect(related.indexOf('/courts-and-press/')).toBeLessThan(related.indexOf('/only-press/'));
    expect(related).not.toContain('/sudy/');
  });

  it.skipIf(skip)(
    'gives a shared link its title, photo with size, excerpt and JSON-LD, all absolute',
    async () => {
      const html = await (await t.app.request('/sudy/')).text();
      expect(html).toContain('<meta property="og:title" content="Суды &amp; «пресса»">');
      expect(html).toContain('<meta property="og:description" content="Short &lt;summary&gt; &amp; more">');
      expect(html).toContain('<meta property="og:url" content="http://localhost/sudy/">');
      const image = /<meta property="og:image" content="([^"]+)">/.exec(html)?.[1];
      expect(image).toMatch(/^http:\/\/localhost\/media\/.+/);
      expect(html).toMatch(/<meta property="og:image:width" content="1600">/);
      expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
      expect((await t.app.request(image!.replace('http://localhost', ''))).status).toBe(200);
      const ld = JSON.parse(/<script type="application\/ld\+json">(.+?)<\/script>/.exec(html)![1]!);
      expect(ld).toMatchObject({
        '@type': 'BlogPosting',
        headline: 'Суды & «пресса»',
        datePublished: '2026-01-03T10:00:00.000Z',
        author: { '@type': 'Person', name: 'Samizdat' },
        image: { url: image, width: 1600 },
      });
      expect(html).not.toMatch(/<script type="application\/ld\+json">[^<]*<(?!\/script)/);
      const home = await (await t.app.request('/')).text();
      expect(
        JSON.parse(/<script type="application\/ld\+json">(.+?)<\/script>/.exec(home)![1]!)['@type'],
      ).toBe('Blog');
    },
  );

  it.skipIf(skip)(
    'lists every public post, page, tag, category and author in the sitemap, with dates',
    async () => {
      const index = await (await t.app.request('/sitemap.xml')).text();
      const parts = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
      expect(parts).toEqual([
        'http://localhost/sitemap-posts-1.xml',
        'http://localhost/sitemap-pages-1.xml',
        'http://localhost/sitemap-tags.xml',
        'http://localhost/sitemap-categories.xml',
        'http://localhost/sitemap-authors.xml',
      ]);
      const locs = async (path: string) =>
        [...(await (await t.app.request(path)).text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
      const posts = await locs('/sitemap-posts-1.xml');
      expect(posts).toEqual(
        expect.arrayContaining([
          'http://localhost/sudy/',
          'http://localhost/courts-and-press/',
          'http://localhost/welcome/',
        ]),
      );
      expect(posts).not.toContain('http://localhost/draft/');
      expect(await locs('/sitemap-pages-1.xml')).toEqual(['http://localhost/', 'http://localhost/about/']);
      expect(await locs('/sitemap-tags.xml')).toEqual(
        expect.arrayContaining(['http://localhost/tag/courts/', 'http://localhost/tag/press/']),
      );
      expect(await locs('/sitemap-authors.xml')).toEqual(['http://localhost/author/samizdat/']);
      expect(await (await t.app.request('/sitemap-posts-1.xml')).text()).toMatch(
        /<lastmod>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z<\/lastmod>/,
      );
      expect((await t.app.request('/sitemap-posts-9.xml')).status).toBe(404);
    },
  );

  it.skipIf(skip)('points crawlers to the sitemap and keeps them out of the comment endpoint', async () => {
    const robots = await (await t.app.request('/robots.txt')).text();
    expect(robots).toContain('Sitemap: http://localhost/sitemap.xml');
    expect(robots).toContain('Disallow: /comments');
  });

  it.skipIf(skip)('has a canonical link on every page kind', async () => {
    for (const path of ['/', '/sudy/', '/about/', '/tag/press/', '/author/samizdat/', '/2026/01/']) {
      const html = await (await t.app.request(path)).text();
      expect(html, path).toMatch(/<link rel="canonical" href="http:\/\/localhost\/[^"]*">/);
    }
  });
});
