import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { decodeHtmlEntities } from './entities.ts';

/** A fragment of HTML that is already safe to emit: interpolating it into `h` does not escape it again. */
export type Html = HtmlEscapedString;

/**
 * hono's `html` escapes every interpolated string; it only goes asynchronous when handed a Promise,
 * which render/ never does. Narrowing here keeps every page a plain synchronous string.
 */
export function h(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const out = html(strings, ...values);
  if (out instanceof Promise) throw new TypeError('render/ is synchronous: a Promise reached a template');
  return out;
}

/** Trusted markup only: HTML the formatter already sanitized, or markup render/ built itself. */
export function trusted(markup: string): Html {
  return raw(markup);
}

export const empty: Html = raw('');

/**
 * One path segment from a slug or login. Imported WordPress slugs may arrive percent-encoded already;
 * decoding first keeps them from being encoded twice.
 */
export function segment(value: string): string {
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // A stray "%" that is not an escape: encode the text as it stands.
  }
  return encodeURIComponent(decoded);
}

/**
 * Plain text of sanitized HTML, for descriptions and excerpts. Only ever fed the formatter's output
 * (well-formed, no scripts), and its result is escaped again when interpolated.
 */
export function textOf(sanitized: string): string {
  return decodeHtmlEntities(sanitized.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first `<p>` of sanitized HTML as plain text, or all of its text when it has no paragraph. */
export function firstParagraph(sanitized: string): string {
  const match = /<p[\s>][\s\S]*?<\/p>/i.exec(sanitized);
  return textOf(match ? match[0] : sanitized);
}

/** Cut at a word boundary so a summary never ends mid-word. */
export function truncateWords(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars / 2 ? cut.slice(0, space) : text.slice(0, maxChars)).replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** Only absolute http(s) URLs are linked for readers' websites; anything else is shown as a plain name. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value.trim())) return false;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
