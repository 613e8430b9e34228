import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { requireFixtures } from '../../test/support/fixtures.ts';
import { createFormatter } from './markdown.ts';

/**
 * Every payload of the shared XSS corpus goes through both allowlists; the output is parsed the way a
 * browser would tokenise it (htmlparser2), so text that merely looks like an attack (escaped) passes
 * and a live element or attribute fails.
 */
const fixtures = requireFixtures('xss');
if (fixtures.skip) console.warn(`XSS corpus tests skipped: ${fixtures.skip}`);

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'srcset',
  'cite',
  'action',
  'formaction',
  'xlink:href',
  'poster',
]);
const DANGEROUS_TAGS = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'svg', 'math', 'form', 'input',
  'button', 'textarea', 'select', 'link', 'meta', 'base', 'template', 'video', 'audio', 'marquee',
]); // prettier-ignore
const COMMENT_TAGS = new Set(['p', 'br', 'a', 'em', 'strong', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li']);

/** What a browser would run or load from this HTML; empty when safe. */
function problems(output: string, kind: 'post' | 'comment'): string[] {
  const found: string[] = [];
  if (/<script/i.test(output)) found.push('<script in output');
  const parser = new Parser({
    onopentag(name, attribs) {
      if (DANGEROUS_TAGS.has(name)) found.push(`<${name}>`);
      if (kind === 'comment' && !COMMENT_TAGS.has(name)) found.push(`<${name}> in a comment`);
      for (const [attr, value] of Object.entries(attribs)) {
        if (/^on/i.test(attr)) found.push(`${name}[${attr}]`);
        if (attr === 'style') found.push(`${name}[style]`);
        // Browsers ignore whitespace and control characters inside a scheme; so does this check.
        const compact = (url: string): string =>
          url.replace(/[\u0000-\u0020\u007f-\u00a0]/g, '').toLowerCase();
        const urls =
          attr === 'srcset'
            ? value.split(',').map((c) => compact(c.trim().split(/\s+/)[0] ?? ''))
            : [compact(value)];
        if (URL_ATTRIBUTES.has(attr) && urls.some((url) => /^(?:javascript|vbscript|data):/.test(url))) {
          found.push(`${name}[${attr}=${value.slice(0, 40)}]`);
        }
      }
      if (kind === 'comment' && name === 'a' && attribs.rel !== 'nofollow ugc noopener') {
        found.push(`comment link without rel: ${attribs.rel}`);
      }
    },
  });
  parser.write(output);
  parser.end();
  return found;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return /\.(txt|svg)$/.test(entry.name) ? [path] : [];
  });
}

/** A .txt file is one payload a line (some lists are event-handler names: those are tried in tags too). */
function payloads(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.svg')) return [text];
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (!/event_handlers/.test(path)) return lines;
  return lines.flatMap((handler) => [
    handler,
    `<img src=x ${handler}=alert(1)>`,
    `<a href="https://example.org" ${handler}="alert(1)">x</a>`,
    `<p ${handler}=alert(1)>x</p>`,
  ]);
}

describe.skipIf(Boolean(fixtures.skip))('XSS corpus through the formatter', () => {
  const format = createFormatter();
  const dir = fixtures.dir ?? '';
  const all = fixtures.dir ? files(dir) : [];

  it('finds the corpus', () => {
    expect(all.length).toBeGreaterThan(0);
  });

  for (const file of all) {
    it(`neutralises ${relative(dir, file)}`, () => {
      const failures: string[] = [];
      for (const payload of payloads(file)) {
        for (const kind of ['post', 'comment'] as const) {
          const found = problems(format[kind](payload), kind);
          if (found.length > 0) failures.push(`${kind}: ${payload.slice(0, 80)} → ${found.join(', ')}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});

describe('the XSS check itself', () => {
  it('catches what it is meant to catch', () => {
    expect(problems('<p onclick="x">a</p>', 'post')).not.toEqual([]);
    expect(problems('<a href=" java\tscript:alert(1)">a</a>', 'post')).not.toEqual([]);
    expect(problems('<img srcset="/a.png 1x, data:image/png 2x">', 'post')).not.toEqual([]);
    expect(problems('<h2>a</h2>', 'comment')).not.toEqual([]);
    expect(problems('<p>&lt;img src=x onerror=alert(1)&gt;</p>', 'comment')).toEqual([]);
  });
});
