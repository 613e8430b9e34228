import { slugify } from '../../core/posts/slug.ts';
import { decodeHtmlEntities } from '../../render/entities.ts';

/**
 * Small conversions of WordPress's fields. WordPress stores titles, term names and excerpts with
 * HTML entities and sometimes tags in them ("Markup: Title <em>With</em> …", "Cats &amp; Dogs");
 * ours are plain text that the theme escapes, so they are turned into the text a reader saw.
 */

/** The text a reader saw of a title or a name: tags dropped, entities decoded, spaces collapsed. */
export function plainText(html: string): string {
  return decodeHtmlEntities(html.replace(/<[^>]*>/g, ''))
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
export function slugFromWordpress(raw: string): string {
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
