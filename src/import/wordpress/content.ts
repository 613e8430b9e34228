import { htmlSplit, shortcodeUnautop, wpautop } from './content-autop.ts';
import { convertBlocks, hasBlocks } from './content-blocks.ts';
import { Notes } from './content-html.ts';
import { autoembed, mediaToLinks, noteDroppedElements } from './content-media.ts';
import { CONVERTED_SHORTCODES, embedShortcodes, otherShortcodes } from './content-shortcodes.ts';
import { rewriteUrls } from './content-urls.ts';

export interface ContentOptions {
  /** Maps a URL found in the content (absolute or root-relative) to its new site-relative URL, or undefined to leave it as is. */
  rewriteUrl(url: string): string | undefined;
}

export interface ConvertedContent {
  html: string;
  /** Things that could not be converted faithfully, one short line each, for the import report. */
  notes: string[];
}

/**
 * WordPress post or comment content, as stored, to the HTML WordPress showed for it, in the order
 * WordPress's `the_content` filters run: [embed] and lone URLs (priority 8), blocks (9), wpautop and
 * shortcode_unautop for classic content (10), the other shortcodes (11). Then what our posts cannot
 * show inline (players, iframes) becomes links, internal URLs are mapped, and everything that is not
 * faithful is listed in `notes`. Not done: wptexturize's curly quotes and smilies (text is kept as
 * typed). The result is not sanitized here; the importer runs our sanitizer on it.
 */
export function convertContent(raw: string, options: ContentOptions): ConvertedContent {
  const notes = new Notes();
  const source = raw.replace(/\r\n?/g, '\n');
  if (source.trim() === '') return { html: '', notes: [] };
  let html = autoembed(embedShortcodes(source, notes), notes);
  html = hasBlocks(html) ? convertBlocks(html, notes) : shortcodeUnautop(wpautop(html), CONVERTED_SHORTCODES);
  html = keepPageBreaks(otherShortcodes(html, notes), notes);
  html = mediaToLinks(html, notes);
  noteDroppedElements(html, notes);
  noteUnknownShortcodes(html, notes);
  html = rewriteUrls(html, (url) => options.rewriteUrl(url));
  return { html: html.trim(), notes: notes.list() };
}

/**
 * `<!--more-->` (the excerpt cut) and `<!--nextpage-->` (a page break) stay as the comments they
 * are, out of the paragraph wpautop puts them in. We show a paginated post on one page.
 */
function keepPageBreaks(html: string, notes: Notes): string {
  const unwrapped = html.replace(/<p>\s*(<!--(?:more|nextpage)\b[^>]*-->)\s*<\/p>\n?/g, '$1\n');
  if (unwrapped.includes('<!--nextpage-->'))
    notes.add('page breaks (<!--nextpage-->): the post is shown as one page');
  return unwrapped;
}

/**
 * Bracketed text that looks like a shortcode we do not convert (a plugin's, WordPress.com's): it
 * stays as text, as WordPress shows it without the plugin, and is listed. Plain brackets in prose
 * ("[sic]", "[and then…]") and code are not shortcodes, so only the shortcode shapes count:
 * attributes, a closing tag, a self-closing slash, or a URL argument.
 */
function noteUnknownShortcodes(html: string, notes: Notes): void {
  const known = new Set(CONVERTED_SHORTCODES);
  const parts = htmlSplit(html);
  let code = 0;
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      if (/^<(pre|code)\b/i.test(part)) code++;
      else if (/^<\/(pre|code)\b/i.test(part)) code = Math.max(0, code - 1);
      return;
    }
    if (code > 0) return;
    for (const m of part.matchAll(/(?<![\w\]])\[([a-z][\w-]*)(=[^\]]*|\s[^\]]*)?\]/gi)) {
      const name = (m[1] ?? '').toLowerCase();
      const rest = m[2] ?? '';
      const shaped =
        /^=|[\w-]+\s*=\s*["'\w]|\/\s*$|^\s*https?:\/\//.test(rest) || html.includes(`[/${m[1]}]`);
      if (!known.has(name) && shaped) notes.add(`shortcode [${name}] is not supported: kept as text`);
    }
  });
}
