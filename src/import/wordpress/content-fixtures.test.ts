import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireFixtures } from '../../../test/support/fixtures.ts';
import { readWxr } from '../wxr/reader.ts';
import type { WxrItem } from '../wxr/types.ts';
import { convertContent, type ConvertedContent } from './content.ts';
import { missingWords, visibleWords } from '../../../test/support/wordpress/content-text.ts';

/**
 * Every post, page and comment of the WordPress test data and the real exports converts, and no
 * word a reader saw on WordPress is lost on the way.
 */
const fixtures = requireFixtures('wxr');
const FILES = [
  'wp-theme-unit-test.wordpress.xml',
  'wp-64-block-test-data.xml',
  'wordpress-importer/a11y-unit-test-data.xml',
  'real-exports/cc-labs-creativecommons.wordpress.xml',
  'real-exports/parchlinux-blog-fa-en.wordpress.xml',
];

interface Converted {
  item: WxrItem;
  raw: string;
  out: ConvertedContent;
}

async function convertFile(file: string): Promise<Converted[]> {
  const all: Converted[] = [];
  const rewriteUrl = (url: string) =>
    /^https?:\/\/wpthemetestdata\.wordpress\.com\//.test(url) ? '/moved/' : undefined;
  for await (const event of readWxr(createReadStream(join(fixtures.dir ?? '', file)))) {
    if (event.kind !== 'item') continue;
    for (const raw of [event.item.content, ...event.item.comments.map((c) => c.content)]) {
      all.push({ item: event.item, raw, out: convertContent(raw, { rewriteUrl }) });
    }
  }
  return all;
}

describe.skipIf(Boolean(fixtures.skip))('convertContent on real WordPress content', () => {
  const converted = new Map<string, Converted[]>();
  beforeAll(async () => {
    for (const file of FILES) converted.set(file, await convertFile(file));
  });

  for (const file of FILES) {
    it(`${file}: every post, page and comment keeps all its visible words`, () => {
      const all = converted.get(file)!;
      expect(all.length).toBeGreaterThan(0);
      const lost = all
        .map(({ item, raw, out }) => ({
          id: item.id,
          missing: missingWords(visibleWords(raw), visibleWords(out.html)),
        }))
        .filter((c) => c.missing.length > 0);
      expect(lost).toEqual([]);
    });
  }

  it('leaves no block delimiter and no converted shortcode behind', () => {
    for (const file of FILES) {
      for (const { out } of converted.get(file)!) {
        expect(out.html).not.toMatch(/<!--\s+\/?wp:/);
        expect(out.html).not.toMatch(/\[(caption|gallery|embed)[\s\]]/);
      }
    }
  });

  it('turns every [caption] of the theme unit test into a figure with its figcaption', () => {
    const all = converted.get('wp-theme-unit-test.wordpress.xml')!;
    const captions = all.reduce((n, c) => n + (c.raw.match(/\[caption /g)?.length ?? 0), 0);
    const figures = all.reduce(
      (n, c) => n + (c.out.html.match(/<figcaption class="wp-caption-text">/g)?.length ?? 0),
      0,
    );
    expect(captions).toBeGreaterThan(5);
    expect(figures).toBe(captions);
  });

  it('lists what it could not convert faithfully, and maps internal links', () => {
    const all = converted.get('wp-theme-unit-test.wordpress.xml')!;
    const notes = all.flatMap((c) => c.out.notes).join('\n');
    expect(notes).toMatch(/\[gallery\] kept as a placeholder/);
    expect(notes).toMatch(/embedded media from www\.youtube\.com shown as a link/);
    expect(notes).toMatch(/dynamic block wp:latest-posts is not converted/);
    expect(all.some((c) => c.out.html.includes('href="/moved/"'))).toBe(true);
    expect(all.every((c) => !c.out.html.includes('href="https://wpthemetestdata.wordpress.com/'))).toBe(true);
  });

  it('keeps Persian text and its zero-width non-joiners exactly', () => {
    const all = converted.get('real-exports/parchlinux-blog-fa-en.wordpress.xml')!;
    const persian = all.filter((c) => /\p{Script=Arabic}/u.test(c.raw));
    expect(persian.length).toBeGreaterThan(5);
    for (const { raw, out } of persian) {
      expect(out.html.match(/\u200c/g)?.length ?? 0).toBe(raw.match(/\u200c/g)?.length ?? 0);
      expect(out.html.match(/\p{Script=Arabic}/gu)?.length).toBe(raw.match(/\p{Script=Arabic}/gu)?.length);
    }
  });
});
