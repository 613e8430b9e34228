import { describe, expect, it } from 'vitest';
import type { TextStyle } from '../core/ports/formatter.ts';
import { decodeHtmlEntities } from './entities.ts';
import { createFormatter } from './markdown.ts';

/**
 * A passage of the kind of essay this platform is for: lettered demands in parentheses, quotations
 * in three languages with their own marks, a mathematical ±, and a command line with `--` flags.
 * Each paragraph is plain text but for its inline code, so what a reader sees must be what was typed.
 */
const PARAGRAPHS = [
  'The coalition set out three demands: (a) the release of every detainee; (b) an independent inquiry into the events of January; (c) convening of a round table with the opposition (p) and the press.',
  'Trademarks (tm) and registered names (r) are quoted as printed, with the margin of error +- 3 points... as the pollster wrote it!!!',
  'The minister said "we will not negotiate" and then, a week later, that \'everything is on the table\' -- a reversal nobody expected --- least of all his own party.',
  'В заявлении сказано: «Мы требуем „немедленного“ освобождения» (а) всех задержанных (б) без условий.',
  'Мәлімдемеде: «Біз бейбіт шеруге шықтық» деп жазылған; "тәуелсіз" тергеу (в) талап етіледі.',
  'To rebuild the archive, run `samizdat import wxr --dry-run --json blog.xml` and then `diff -- a b`.',
];
const TYPED = PARAGRAPHS.join('\n\n');

/** What a reader sees of each paragraph: its text, tags and character references undone. */
function seen(html: string): string[] {
  return [...html.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) =>
    decodeHtmlEntities(m[1]!.replace(/<[^>]+>/g, '')),
  );
}

const typedText = PARAGRAPHS.map((p) => p.replace(/`([^`]*)`/g, '$1'));
const format = createFormatter();

describe('the writer’s characters', () => {
  it('are kept exactly as typed by default: no ©, ®, ™, §, ±, …, curled quotes or dashes', () => {
    const html = format.post(TYPED);
    expect(seen(html)).toEqual(typedText);
    expect(html).not.toMatch(/[©®™§±…–—”‘’]/);
    expect(html).toContain('<code>samizdat import wxr --dry-run --json blog.xml</code>');
  });

  it.each<TextStyle>([
    { typography: 'smart', language: 'en' },
    { typography: 'smart', language: 'ru' },
    { typography: 'smart', language: 'kk' },
  ])('under the smart setting change only quotes and dashes outside code ($language)', (style) => {
    const html = format.post(TYPED, style);
    const text = seen(html);
    // (a) (b) (c), (p), (tm), (r), +-, ... and !!! are the writer's in every setting.
    expect(text[0]).toBe(typedText[0]);
    expect(text[1]).toBe(typedText[1]);
    expect(html).not.toMatch(/[©®™§±…]/);
    // Quotes the writer typed as «» „“ stay; straight ones take the language's marks.
    expect(text[3]).toBe(typedText[3]);
    const [open, close] = style.language === 'en' ? ['“', '”'] : ['«', '»'];
    expect(text[2]).toContain(`${open}we will not negotiate${close}`);
    expect(text[2]).toContain('– a reversal nobody expected — least');
    expect(text[4]).toContain(`${open}тәуелсіз${close}`);
    // Code keeps its double hyphens.
    expect(html).toContain('<code>samizdat import wxr --dry-run --json blog.xml</code>');
    expect(html).toContain('<code>diff -- a b</code>');
  });
});
