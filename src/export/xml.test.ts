import { describe, expect, it } from 'vitest';
import { localDateFormatter, mysqlGmt, rfc822 } from './dates.ts';
import { parseXml } from '../../test/support/export/xml.ts';
import { sortCategories, wordpressSlug } from './wxr.ts';
import { cdata, escapeAttribute, escapeText, xmlSafe } from './xml.ts';

/** Every character a JavaScript string can hold that XML 1.0 refuses, and their well-behaved neighbours. */
const NASTY = 'a\u0000b\u0001c\u0008\u000b\u000c\u001f d\ud800e\udfff f\ud83d\udcf0 \ufffe\uffff g\t\n\r h';

describe('XML text', () => {
  it('drops what XML 1.0 forbids and keeps everything else, astral characters included', () => {
    expect(xmlSafe(NASTY)).toBe('abc de f📰  g\t\n\r h');
  });

  it.each([
    ['plain', 'Свобода & <слова> "quoted" \'single\''],
    ['cdata end', ']]>'],
    ['cdata ends in a row', ']]]]>]]>>]]'],
    ['cdata opener', '<![CDATA[ x ]]> y'],
    ['forbidden characters', NASTY],
    ['right to left', 'حرية التعبير ليست ترفاً — חופש הביטוי'],
  ])('survives a strict parser as text, attribute and CDATA: %s', (_, value) => {
    const expected = xmlSafe(value).replace(/\r\n?/g, '\n');
    const doc = parseXml(
      `<r a="${escapeAttribute(value)}"><t>${escapeText(value)}</t><c>${cdata(value)}</c></r>`,
    );
    expect(doc.attributes.a).toBe(xmlSafe(value));
    expect(doc.children[0]!.text).toBe(xmlSafe(value));
    // Inside CDATA a carriage return cannot be escaped: the parser folds line ends, as it does in WordPress's own files.
    expect(doc.children[1]!.text).toBe(expected);
  });

  it('splits ]]> across two CDATA sections as WordPress does', () => {
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
  });
});

describe('WordPress values', () => {
  it('percent-encodes non-ASCII slugs in lower case, as WordPress stores them', () => {
    expect(wordpressSlug('степь-2024')).toBe('%d1%81%d1%82%d0%b5%d0%bf%d1%8c-2024');
    expect(wordpressSlug('hello-world')).toBe('hello-world');
    expect(decodeURIComponent(wordpressSlug('әділет'))).toBe('әділет');
  });

  it('writes dates as MySQL columns (GMT and the site timezone) and RFC 822', () => {
    const date = new Date('2024-12-31T22:30:05.999Z');
    expect(mysqlGmt(date)).toBe('2024-12-31 22:30:05');
    expect(localDateFormatter('Asia/Almaty')(date)).toBe('2025-01-01 03:30:05');
    expect(localDateFormatter('America/New_York')(date)).toBe('2024-12-31 17:30:05');
    expect(localDateFormatter('Not/AZone')(date)).toBe('2024-12-31 22:30:05');
    expect(localDateFormatter('UTC')(new Date('2024-01-01T00:00:00Z'))).toBe('2024-01-01 00:00:00');
    expect(rfc822(new Date('2015-01-06T04:05:06Z'))).toBe('Tue, 06 Jan 2015 04:05:06 +0000');
  });

  it('orders categories parents first and survives a parent cycle', () => {
    const term = (id: number, slug: string, parentId: number | null) =>
      ({ id, taxonomy: 'category', slug, name: slug, parentId, description: '' }) as const;
    const sorted = sortCategories([term(3, 'grandchild', 2), term(2, 'child', 1), term(1, 'root', null)]);
    expect(sorted.map((c) => [c.term.slug, c.parentSlug])).toEqual([
      ['root', ''],
      ['child', 'root'],
      ['grandchild', 'child'],
    ]);
    const cycle = sortCategories([term(1, 'a', 2), term(2, 'b', 1), term(3, 'orphan', 99)]);
    expect(cycle.map((c) => c.term.slug).sort()).toEqual(['a', 'b', 'orphan']);
    expect(cycle.find((c) => c.term.slug === 'orphan')?.parentSlug).toBe('');
  });
});
