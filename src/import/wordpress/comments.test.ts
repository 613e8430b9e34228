import { describe, expect, it } from 'vitest';
import type { WxrComment } from '../wxr/types.ts';
import { createFormatter } from '../../render/markdown.ts';
import { parentsFirst, plainCommentHtml } from './comments.ts';
import { convertContent } from './content.ts';

const comment = (id: number, parentId: number, date: string): WxrComment => ({
  id,
  parentId,
  author: '',
  authorEmail: '',
  authorUrl: '',
  authorIp: '',
  dateGmt: date,
  date,
  content: '',
  approved: '1',
  type: '',
  userId: 0,
  meta: {},
});

describe('comments in the order they are written', () => {
  it('puts each reply after its parent, otherwise oldest first', () => {
    const order = parentsFirst([
      comment(3, 2, '2020-01-01 09:00:00'), // dated before its parent: waits for it
      comment(1, 0, '2020-01-01 10:00:00'),
      comment(2, 1, '2020-01-01 11:00:00'),
      comment(4, 0, '2020-01-01 12:00:00'),
    ]).map((c) => c.id);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('keeps replies to missing parents and loops of parents, at the top level', () => {
    const order = parentsFirst([
      comment(5, 99, '2020-01-01 10:00:00'),
      comment(6, 7, '2020-01-01 11:00:00'),
      comment(7, 6, '2020-01-01 12:00:00'),
    ]).map((c) => c.id);
    expect(order.sort()).toEqual([5, 6, 7]);
  });
});

describe('plain-text comments', () => {
  const formatter = createFormatter();
  const full = (text: string) =>
    formatter.commentHtml(convertContent(text, { rewriteUrl: () => undefined }).html);

  it('skip the conversion and the sanitizer with the same HTML as the full road', () => {
    // Every character class that whitespace rules, paragraphs, line breaks or escaping could treat
    // differently, in random strings from a fixed seed (a linear congruential generator).
    const alphabet = ['a', 'Я', ' ', '\u00a0', '\n', '\n', '\t', '\r', '\v', '\f', '\0', '"', "'",
      '😀', '.', '-', '/', ':', '=', '*', '_', '`', '#', ']', '\u2028', '\x01', '\x7f', '\ufffe', '\ud800']; // prettier-ignore
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let fast = 0;
    for (let i = 0; i < 4_000; i++) {
      let text = '';
      for (let n = 1 + Math.floor(random() * 12); n > 0; n--)
        text += alphabet[Math.floor(random() * alphabet.length)];
      const html = plainCommentHtml(text);
      if (html === undefined) continue;
      fast++;
      expect(html, JSON.stringify(text)).toBe(full(text));
    }
    expect(fast).toBeGreaterThan(3_800);
    for (const text of ['Спасибо!\n\nОчень «точно» сказано.\nДа.', '  one\r\n\r\n\r\ntwo  ', ' \n\t'])
      expect(plainCommentHtml(text)).toBe(full(text));
  });

  it('take the full road for markup, entities, shortcodes and links', () => {
    for (const text of ['<b>x</b>', 'a &amp; b', 'a > b', '[gallery]', 'see https://example.org'])
      expect(plainCommentHtml(text)).toBeUndefined();
  });
});
