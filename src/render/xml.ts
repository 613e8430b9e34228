/** XML escaping for every document the site writes: feeds, sitemaps, exports. */

/**
 * XML 1.0 allows only these characters, even escaped: a control character or a lone surrogate half
 * (which a JavaScript string can hold) anywhere in a document makes every parser refuse the whole
 * file. The `u` flag makes a lone surrogate one code point, so it is matched and dropped too.
 */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The text with the characters XML 1.0 forbids removed. */
export function xmlSafe(value: string): string {
  return value.replace(FORBIDDEN, '');
}

/** Character data: `&`, `<` and `>` escaped; a carriage return kept as itself rather than folded away. */
export function escapeText(value: string): string {
  return xmlSafe(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** An attribute value in double quotes; whitespace other than spaces escaped, since parsers flatten it. */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
