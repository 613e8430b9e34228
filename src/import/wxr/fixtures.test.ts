import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireFixtures } from '../../../test/support/fixtures.ts';
import { collect, refusal, type Collected } from '../../../test/support/wxr/collect.ts';
import { countFile, type FileCounts } from '../../../test/support/wxr/count.ts';
import { elementTexts } from '../../../test/support/wxr/xml-text.ts';

/**
 * Every WXR fixture, each with a decision taken on purpose: read (and checked against an
 * independent count of the file) or refused (with the reason and the place). A new fixture fails
 * the suite until it is given a decision here.
 */
const fixtures = requireFixtures('wxr');
if (fixtures.skip) console.warn(`WXR fixture tests skipped: ${fixtures.skip}`);
const dir = fixtures.dir ?? '';

type Decision =
  | { read: string; check?: (got: Collected, text: string) => void; counted?: false }
  | { refused: string; message: RegExp; line: number; column?: number };

const onlyItem = (got: Collected) => got.items[0]!;

const DECISIONS: Record<string, Decision> = {
  'wp-theme-unit-test.wordpress.xml': {
    read: 'WordPress.com export, https namespace; see its own tests below',
  },
  'wp-64-block-test-data.xml': {
    read: 'WP 6.4: categories and tags come twice (wp:category/wp:tag and wp:term); each is sent once, first wins',
    check: (got) =>
      expect(got.terms.find((t) => t.slug === 'design')?.description).toBe('Blocks in the design category'),
  },
  'real-exports/cc-labs-creativecommons.wordpress.xml': {
    read: 'real blog; its mojibake (â€œ) is the blog’s own text and is kept as it is, not repaired',
    check: (got) =>
      expect(got.items.some((i) => i.title.includes('â€œOpenOffice.org Writer Add-in'))).toBe(true),
  },
  'real-exports/parchlinux-blog-fa-en.wordpress.xml': {
    read: 'real bilingual Persian/English blog: RTL text and ZWNJ intact; percent-encoded slugs kept as written',
    check: (got) => {
      expect(got.items.map((i) => i.title)).toContain('آموزش نصب وی\u200cدروید بر روی پارچ');
      expect(got.terms.some((t) => t.slug.startsWith('%d8%'))).toBe(true);
      const drafts = got.items.filter((i) => i.status === 'draft');
      expect(drafts.length).toBeGreaterThan(0);
      for (const draft of drafts) expect([draft.postDateGmt, draft.postDate === '']).toEqual(['', false]);
    },
  },
  'wordpress-importer/a11y-unit-test-data.xml': {
    read: 'no wp:author at all; post 156 appears twice, once without post_type (given as "", with its comments)',
    check: (got) => {
      expect(got.authors).toEqual([]);
      const typeless = got.items.filter((i) => i.postType === '');
      expect(typeless.map((i) => [i.id, i.comments.length])).toEqual([[156, 3]]);
    },
  },
  'wordpress-importer/small-export.xml': { read: 'WXR 1.1 from WP 3.1' },
  'wordpress-importer/valid-wxr-1.0.xml': {
    read: 'WXR 1.0: domain="tag" read as post_tag, attribute-less category duplicates skipped',
    check: (got) => {
      expect(got.site?.wxrVersion).toBe('1.0');
      expect(got.items[2]?.terms.map((t) => `${t.taxonomy}:${t.slug}`)).toEqual([
        'category:alpha',
        'post_tag:news',
        'post_tag:roar',
      ]);
    },
  },
  'wordpress-importer/valid-wxr-1.1.xml': {
    read: 'WXR 1.1, CRLF line ends (normalised to LF as XML requires)',
    check: (got) => expect(got.terms.find((t) => t.slug === 'alpha')?.description).toBe('The alpha category'),
  },
  'wordpress-importer/wxr-utf-8-challenges.xml': {
    read: 'emoji, bidi overrides, zero-width and combining characters kept exactly; &#x…; inside CDATA stays literal',
    check: (got, text) => {
      expect(got.site?.title).toBe('My WordPress Website 🚀 \u202E\u202Dمرحبا');
      expect(onlyItem(got).title).toBe(elementTexts(text, 'title')[1]);
      expect(onlyItem(got).title).toContain('\u202ENot\u202C');
      expect(onlyItem(got).meta['_special_chars']).toBe(
        '&#x202E;&#x202D;&#x200B;&#x200C;&#x200D;&#x2060;&#xFEFF;&#xFFFD;',
      );
      expect(got.authors[0]?.lastName).toBe('&#x1F1FA;&#x1F1F8;𝕌𝕟𝕚𝕔𝕠𝕕𝕖');
    },
  },
  'wordpress-importer/malformed.xml': {
    refused: 'not well-formed: <notachanneltag> closed by </channel>',
    message: /<notachanneltag> \(opened on line 27\) is closed by another end tag/,
    line: 90,
  },
  'wordpress-importer/malformed-simple.xml': {
    refused: 'not well-formed: truncated',
    message: /the file ends before <item> \(opened on line 9\) is closed/,
    line: 14,
  },
  'wordpress-importer/missing-version-tag.xml': {
    read: 'no wp:wxr_version: accepted (unlike WordPress), the WXR namespace identifies the format; version ""',
    check: (got) => expect([got.site?.wxrVersion, got.items.length]).toEqual(['', 0]),
  },
  'wordpress-importer/invalid-version-tag.xml': {
    refused: 'wp:wxr_version "abc" (WordPress refuses it too): a version we cannot read as 1.x',
    message: /unsupported WXR version "abc"/,
    line: 33,
  },
  'wordpress-importer/crazy-cdata.xml': {
    refused: 'not well-formed: "]]>" inside CDATA (WordPress falls back to a regex parser; we do not guess)',
    message: /"\]\]>" is disallowed/,
    line: 18,
    column: 72,
  },
  'wordpress-importer/crazy-cdata-escaped.xml': {
    read: 'split CDATA sections join into one value',
    check: (got) => {
      expect(onlyItem(got).content).toBe('Content with nested <![CDATA[ tags ]]> :)');
      expect(onlyItem(got).meta['Closing CDATA']).toBe(']]>');
      expect(onlyItem(got).meta['Alot of CDATA']).toBe(
        'This has <![CDATA[ opening and ]]> closing <![CDATA[ tags like this: ]]>',
      );
    },
  },
  'wordpress-importer/cdata-edge.xml': {
    read: 'CDATA ending in "]] >"',
    check: (got) => expect(onlyItem(got).content).toBe('ends with sequence ]] >'),
  },
  'wordpress-importer/multiple-cdata.xml': {
    read: 'adjacent CDATA sections concatenate; the newlines around them are content too',
    check: (got) => expect(onlyItem(got).content).toBe('\nline oneline twoline three\n'),
  },
  'wordpress-importer/slashes.xml': {
    read: 'backslashes and quotes kept (nothing is unslashed)',
    check: (got) => {
      expect(onlyItem(got).content).toBe(String.raw`Slashes aren\'t \"cool\"`);
      expect(onlyItem(got).comments[0]?.content).toBe(String.raw`\o/ ¯\_(ツ)_/¯`);
      expect(got.terms.map((t) => t.name)).toEqual([String.raw`a \"great\" category`, String.raw`foo\'bar`]);
    },
  },
  'wordpress-importer/backslashes.xml': {
    read: 'backslash sequences kept',
    check: (got) => expect(onlyItem(got).content).toBe(String.raw`C:\xampp\htdocs\wp-content`),
  },
  'wordpress-importer/namespace-edge-cases.xml': { read: 'see its own test below', counted: false },
  'wordpress-importer/missing-tags.xml': {
    read: 'only id, type, status and content: the rest defaults to empty',
    check: (got) =>
      expect(onlyItem(got)).toMatchObject({ id: 1, postDate: '', postName: '', comments: [], terms: [] }),
  },
  'wordpress-importer/test-serialized-comment-meta.xml': {
    read: 'PHP-serialized comment meta passed on as the string written; draft with zero GMT date',
    check: (got) => {
      expect(onlyItem(got).comments[0]?.meta['array']).toBe('a:1:{s:3:"key";s:13:"¯\\_(ツ)_/¯";}');
      expect(onlyItem(got)).toMatchObject({
        status: 'draft',
        postDate: '2009-10-20 16:13:20',
        postDateGmt: '',
      });
    },
  },
  'wordpress-importer/wxr-with-sub-data.xml': {
    read: 'term meta and comment meta',
    check: (got) => {
      expect(got.terms[0]?.meta).toEqual({ term_meta_key: 'term_meta_value' });
      expect(onlyItem(got).comments[0]?.meta).toEqual({ _comment_meta_key: 'comment_meta_value' });
    },
  },
  'wordpress-importer/post-content-blank-lines.xml': {
    read: 'blank lines and indentation in content kept',
    check: (got) => expect(onlyItem(got).content.split('\n')).toHaveLength(4),
  },
  'wordpress-importer/e2e-wxr-comprehensive.xml': { read: 'post, page, comment, authors, terms' },
  'ghost-migrate/sample.xml': {
    refused:
      'not well-formed: a raw "&" in an attachment URL (Ghost reads it leniently; the place is given to fix)',
    message: /an '&' that starts no entity reference/,
    line: 109,
    column: 101,
  },
  'ghost-migrate/co-authors-plus.xml': {
    read: 'Co-Authors Plus: extra authors as terms of taxonomy "author" on the item',
    check: (got) =>
      expect(got.items[0]?.terms.filter((t) => t.taxonomy === 'author').length).toBeGreaterThan(0),
  },
  'ghost-migrate/feature-image-captions.xml': {
    read: '_thumbnail_id postmeta points at attachments',
    check: (got) => {
      const ids = new Set(got.items.filter((i) => i.postType === 'attachment').map((i) => String(i.id)));
      expect(
        got.items.filter((i) => i.meta['_thumbnail_id']).every((i) => ids.has(i.meta['_thumbnail_id']!)),
      ).toBe(true);
    },
  },
  'ghost-migrate/has-audio-enclosure.xml': {
    read: 'podcast enclosure postmeta passed on',
    check: (got) => expect(onlyItem(got).meta['enclosure']).toMatch(/^https?:/),
  },
  'ghost-migrate/has-meta.xml': {
    read: 'custom post type passed on as written',
    check: (got) => expect(onlyItem(got).postType).toBe('enmse_message'),
  },
  'ghost-migrate/has-yoast-meta.xml': {
    read: 'Yoast SEO postmeta passed on',
    check: (got) =>
      expect(Object.keys(got.items[0]?.meta ?? {}).some((k) => k.startsWith('_yoast'))).toBe(true),
  },
};

function xmlFiles(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    if (statSync(path).isDirectory()) return xmlFiles(path);
    return name.endsWith('.xml') ? [relative(dir, path)] : [];
  });
}

/** The reader's events against the independent count of the same file. */
function expectSameAsFile(got: Collected, counts: FileCounts): void {
  const byType: Record<string, number> = {};
  for (const item of got.items) byType[item.postType] = (byType[item.postType] ?? 0) + 1;
  expect(byType).toEqual(counts.itemsByType);
  const comments = got.items.flatMap((i) =>
    i.comments.map((c) => ({
      postId: i.id,
      id: c.id,
      parentId: c.parentId,
      type: c.type,
      approved: c.approved,
    })),
  );
  expect(comments).toEqual(counts.comments);
  expect(got.authors.map((a) => a.login)).toEqual(counts.authors);
  const terms = got.terms.map((t) => `${t.taxonomy}\0${t.slug}\0${t.parentSlug}`);
  expect(terms.toSorted()).toEqual([...counts.terms].map(([key, parent]) => `${key}\0${parent}`).toSorted());
}

describe.skipIf(Boolean(fixtures.skip))('every WXR fixture, read or refused on purpose', () => {
  const files = fixtures.dir ? xmlFiles(dir) : [];

  it('has a decision for every fixture file, and a file for every decision', () => {
    expect(files.toSorted()).toEqual(Object.keys(DECISIONS).toSorted());
  });

  for (const [file, decision] of Object.entries(DECISIONS)) {
    if ('refused' in decision) {
      it(`refuses ${file}: ${decision.refused}`, async () => {
        const error = await refusal(createReadStream(join(dir, file)));
        expect(error.message).toMatch(decision.message);
        expect(error.line).toBe(decision.line);
        if (decision.column !== undefined) expect(error.column).toBe(decision.column);
      });
      continue;
    }
    it(`reads ${file}: ${decision.read}`, async () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const got = await collect(createReadStream(join(dir, file), { highWaterMark: 4096 }));
      expect(got.order[0]).toBe('site');
      if (decision.counted !== false) expectSameAsFile(got, countFile(text));
      decision.check?.(got, text);
    });
  }
});
