import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireFixtures } from '../../../test/support/fixtures.ts';
import { collect, type Collected } from '../../../test/support/wxr/collect.ts';
import { countFile, field, type FileCounts } from '../../../test/support/wxr/count.ts';
import { elementTexts } from '../../../test/support/wxr/xml-text.ts';

/** What the theme unit test and the real exports hold, checked field by field against the file. */
const fixtures = requireFixtures('wxr');
const dir = fixtures.dir ?? '';

async function read(file: string): Promise<{ got: Collected; text: string; counts: FileCounts }> {
  const text = readFileSync(join(dir, file), 'utf8');
  return { got: await collect(createReadStream(join(dir, file))), text, counts: countFile(text) };
}

/** How deep each thread goes: 1 for a top-level comment, 2 for a reply to it, … */
function deepest(comments: { postId: number; id: number; parentId: number }[]): number {
  const parent = new Map(comments.map((c) => [`${c.postId}/${c.id}`, c.parentId]));
  let max = 0;
  for (const c of comments) {
    let depth = 1;
    for (let p = c.parentId; p !== 0; p = parent.get(`${c.postId}/${p}`) ?? 0) depth++;
    max = Math.max(max, depth);
  }
  return max;
}

describe.skipIf(Boolean(fixtures.skip))('the WordPress theme unit test data', () => {
  let got: Collected;
  let counts: FileCounts;
  beforeAll(async () => ({ got, counts } = await read('wp-theme-unit-test.wordpress.xml')));

  it('gives exactly the posts, pages, attachments and menu items the file holds', () => {
    const ofType = (type: string) => got.items.filter((i) => i.postType === type).length;
    for (const type of ['post', 'page', 'attachment', 'nav_menu_item']) {
      expect(ofType(type), type).toBe(counts.itemsByType[type]);
      expect(ofType(type), type).toBeGreaterThan(0);
    }
    expect(got.items).toHaveLength(counts.items);
  });

  it('gives every comment with its parent, so threads nest as deep as in the file', () => {
    const comments = got.items.flatMap((i) =>
      i.comments.map((c) => ({ postId: i.id, id: c.id, parentId: c.parentId })),
    );
    expect(comments).toEqual(counts.comments.map(({ postId, id, parentId }) => ({ postId, id, parentId })));
    expect(comments.filter((c) => c.parentId !== 0).length).toBe(
      counts.comments.filter((c) => c.parentId !== 0).length,
    );
    expect(deepest(comments)).toBe(deepest(counts.comments));
    expect(deepest(comments)).toBeGreaterThanOrEqual(9);
    const types = got.items.flatMap((i) => i.comments.map((c) => c.type));
    expect(types.filter((t) => t === 'pingback' || t === 'trackback').length).toBe(
      counts.comments.filter((c) => c.type === 'pingback' || c.type === 'trackback').length,
    );
  });

  it('gives the categories with their hierarchy and the tags', () => {
    const categories = got.terms.filter((t) => t.taxonomy === 'category');
    const fileCategories = [...counts.terms].filter(([key]) => key.startsWith('category\0'));
    expect(new Map(categories.map((t) => [`category\0${t.slug}`, t.parentSlug]))).toEqual(
      new Map(fileCategories),
    );
    expect(categories.length).toBe(fileCategories.length);
    expect(categories.filter((t) => t.parentSlug !== '').length).toBeGreaterThan(0);
    const slugs = new Set(categories.map((t) => t.slug));
    for (const c of categories) if (c.parentSlug) expect(slugs.has(c.parentSlug), c.parentSlug).toBe(true);
    const tags = got.terms.filter((t) => t.taxonomy === 'post_tag');
    expect(tags.length).toBe([...counts.terms.keys()].filter((k) => k.startsWith('post_tag\0')).length);
  });

  it('keeps its edge cases: HTML in a title, an empty title, a password, a sticky post, draft and future', () => {
    const titles = got.items.map((i) => i.title);
    expect(titles).toContain('Markup: Title <em>With</em> <b>Mark<sup>up</sup></b>');
    expect(got.items.some((i) => i.postType === 'post' && i.title === '')).toBe(true);
    expect(got.items.find((i) => i.postPassword !== '')?.postPassword).toBe('enter');
    expect(got.items.filter((i) => i.isSticky)).toHaveLength(1);
    expect(got.items.filter((i) => i.status === 'draft' || i.status === 'future')).toHaveLength(2);
    expect(got.items.find((i) => i.title === 'Template: Paginated')?.content).toContain('<!--nextpage-->');
  });
});

describe.skipIf(Boolean(fixtures.skip))('the real exports keep their text exactly', () => {
  for (const file of [
    'real-exports/parchlinux-blog-fa-en.wordpress.xml',
    'real-exports/cc-labs-creativecommons.wordpress.xml',
  ]) {
    it(`${file}: every title, content and excerpt as written`, async () => {
      const { got, text } = await read(file);
      const items = [...text.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((m) => m[1] ?? '');
      expect(got.items).toHaveLength(items.length);
      got.items.forEach((item, n) => {
        const block = items[n] ?? '';
        expect(String(item.id)).toBe(field(block, 'post_id'));
        expect(item.title).toBe(elementTexts(block, 'title')[0]);
        expect(item.content).toBe(elementTexts(block, 'content:encoded')[0]);
        expect(item.excerpt).toBe(elementTexts(block, 'excerpt:encoded')[0] ?? '');
        const comments = elementTexts(block, 'wp:comment_content');
        expect(item.comments.map((c) => c.content)).toEqual(comments);
      });
    });
  }

  it('parchlinux: Persian text, right-to-left, with its zero-width non-joiners', async () => {
    const { got, text } = await read('real-exports/parchlinux-blog-fa-en.wordpress.xml');
    const all = got.items
      .flatMap((i) => [i.title, i.content, i.excerpt, ...i.comments.map((c) => c.content)])
      .join('');
    const arabicScript = (s: string) => s.match(/\p{Script=Arabic}/gu)?.length ?? 0;
    expect(arabicScript(all)).toBeGreaterThan(40_000);
    expect(all.match(/\u200C/g)?.length).toBeGreaterThan(1000);
    const persian = got.items.find(
      (i) => i.title === '«تَهِ ده» نزدیک است، با پارچ به رایانه خود جانی دوباره ببخشید!',
    );
    expect(persian).toBeDefined();
    expect(Buffer.from(persian!.title, 'utf8').toString('hex')).toBe(
      Buffer.from(text.match(/«تَهِ ده»[^\]]*/)![0], 'utf8').toString('hex'),
    );
  });
});

describe.skipIf(Boolean(fixtures.skip))(
  'namespace-edge-cases.xml: fields known by namespace URI only',
  () => {
    it('reads what is in a WXR namespace (1.0, 1.1 or 1.2, any prefix) and nothing else', async () => {
      const { got } = await read('wordpress-importer/namespace-edge-cases.xml');
      // wp: rebound to a fake URI is not an author; the 1.1 namespace under the prefix wp2 is.
      expect(got.authors.map((a) => [a.id, a.login])).toEqual([
        [2, 'real_user'],
        [3, 'version_conflict'],
      ]);
      // The first wp:post_id wins over alt:post_id (same namespace), as in WordPress; a default-namespace
      // post_id counts; the item that rebinds wp: has no WordPress fields at all.
      expect(got.items.map((i) => [i.title, i.id, i.postType])).toEqual([
        ['Mixed Namespaces', 1, 'post'],
        ['No Prefix', 2, 'post'],
        ['Empty Namespace', 3, 'post'],
        ['Unicode Namespace', 4, 'post'],
        ['Hijacked Namespace', 0, ''],
        ['Namespace Bomb', 6, 'post'],
      ]);
      expect(got.items[0]?.meta).toEqual({ normal_key: 'normal_value' });
      expect(got.items[4]?.meta).toEqual({});
      // Entity-like text inside CDATA is text, never expanded.
      expect(got.items[5]?.content).toBe('&lol1;'.repeat(10));
      expect(got.terms.map((t) => [t.id, t.slug])).toEqual([
        [100, 'old-version'],
        [102, 'new-version'],
      ]);
    });
  },
);
