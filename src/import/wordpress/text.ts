import { slugify } from '../../core/posts/slug.ts';

/**
 * Small conversions of WordPress's fields. WordPress stores titles, term names and excerpts with
 * HTML entities and sometimes tags in them ("Markup: Title <em>With</em> …", "Cats &amp; Dogs");
 * ours are plain text that the theme escapes, so they are turned into the text a reader saw.
 */

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—',
  ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©',
  reg: '®', trade: '™', shy: '\u00ad', middot: '·', bull: '•', euro: '€', times: '×',
}; // prettier-ignore

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const code =
      name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
      ? String.fromCodePoint(code)
      : whole;
  });
}

/** The text a reader saw of a title or a name: tags dropped, entities decoded, spaces collapsed. */
export function plainText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** `decodeURIComponent` that leaves text it cannot decode as it is (a stray `%` in a slug). */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Our slug for a WordPress slug. WordPress percent-encodes non-ASCII slugs (`%d0%bf%d1%80…`); we keep
 * the letters themselves, as our own slugs do. A slug already made of letters, digits, `_` and `-`
 * is kept as it was, so a page's old `/about/` stays its address.
 */
export function wordpressSlug(raw: string): string {
  const decoded = safeDecode(raw.trim()).normalize('NFC').toLowerCase();
  if (/^[\p{L}\p{M}\p{N}_-]{1,190}$/u.test(decoded)) return decoded;
  return slugify(decoded);
}

/**
 * A WordPress date (`YYYY-MM-DD HH:MM:SS`) read as UTC. Undefined for '' and the zero date.
 */
export function wordpressDate(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(text.trim());
  if (!match || match[1] === '0000') return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
