import { decodeReferences } from '../../../src/import/wordpress/content-html.ts';

/**
 * For tests: the words a reader sees in a piece of WordPress content, to check that conversion
 * loses none. Markup, comments (block delimiters), shortcode brackets and what browsers do not
 * show (scripts, styles, the fallback inside players and frames) are not words.
 */
export function visibleWords(html: string): string[] {
  const text = html
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<(script|style|iframe|video|audio|object|noscript)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\[\/?[a-z][\w-]*(?:[\s=][^\]]*)?\/?\]/gi, ' ');
  return decodeReferences(text)
    .split(/[\s\u00a0]+/)
    .filter((word) => word !== '');
}

/** The words of `before` missing from `after`, counting repeats. */
export function missingWords(before: string[], after: string[]): string[] {
  const available = new Map<string, number>();
  for (const word of after) available.set(word, (available.get(word) ?? 0) + 1);
  const missing: string[] = [];
  for (const word of before) {
    const left = available.get(word) ?? 0;
    if (left > 0) available.set(word, left - 1);
    else missing.push(word);
  }
  return missing;
}
