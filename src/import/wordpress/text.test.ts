import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities } from '../../render/entities.ts';
import { plainText, wordpressDate, slugFromWordpress } from './text.ts';

describe('WordPress fields as plain data', () => {
  it('decodes percent-encoded slugs and keeps letters of every script', () => {
    expect(slugFromWordpress('%d0%b2%d1%8b%d0%b1%d0%be%d1%80%d1%8b')).toBe('выборы');
    expect(slugFromWordpress('%d8%a2%d9%85%d9%88%d8%b2%d8%b4')).toBe('آموزش');
    expect(slugFromWordpress('about_us-2')).toBe('about_us-2');
    // Spaces, a bidi override or emoji are not slug material: the slug is made again.
    expect(slugFromWordpress('hello-w\u202eorld\u202c-utf8-💫-test')).toBe('hello-w-orld-utf8-test');
    expect(slugFromWordpress('100%')).toBe('100');
    expect(slugFromWordpress('')).toBe('');
  });

  it('reads dates as UTC, and the zero date as none', () => {
    expect(wordpressDate('2019-05-03 06:07:08')?.toISOString()).toBe('2019-05-03T06:07:08.000Z');
    expect(wordpressDate('0000-00-00 00:00:00')).toBeUndefined();
    expect(wordpressDate('')).toBeUndefined();
    expect(wordpressDate('yesterday')).toBeUndefined();
  });

  it('turns a title with markup and entities into the text a reader saw', () => {
    expect(plainText('Markup: Title <em>With</em> <b>Mark<sup>up</sup></b>')).toBe(
      'Markup: Title With Markup',
    );
    expect(plainText('Cats &amp; Dogs &#8220;quoted&#8221; &#x1F680; &bogus;')).toBe(
      'Cats & Dogs “quoted” 🚀 &bogus;',
    );
    expect(decodeHtmlEntities('&#xD800;&#0;')).toBe('&#xD800;&#0;');
  });
});
