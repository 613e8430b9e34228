/**
 * WordPress's `wpautop()` and `shortcode_unautop()` (wp-includes/formatting.php), ported rule by rule
 * so classic posts get exactly the paragraphs and line breaks WordPress showed. Differences from PHP
 * that matter: PCRE's `\s` is ASCII whitespace only (JavaScript's would also eat NBSP, which is text),
 * and there are no possessive quantifiers or conditionals, rewritten as plain equivalents.
 */

/** PCRE's `\s` without the /u flag. */
const S_CHARS = ' \\t\\n\\v\\f\\r';
const S = `[${S_CHARS}]`;

const ALL_BLOCKS =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address' +
  '|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)';

/**
 * `get_html_split_regex()`: comments, CDATA and tags as delimiters between text. Odd indexes of the
 * split are the delimiters.
 */
const HTML_SPLIT = /(<(?:!--[\s\S]*?(?:-->|$)|!\[CDATA\[[\s\S]*?(?:\]\]>|$)|[^>]*>?))/;

export function htmlSplit(text: string): string[] {
  return text.split(HTML_SPLIT);
}

/** `wp_replace_in_html_tags()` for one needle: replaces only inside tags and comments. */
export function replaceInHtmlTags(text: string, needle: string, replacement: string): string {
  const parts = htmlSplit(text);
  for (let i = 1; i < parts.length; i += 2) parts[i] = parts[i]!.split(needle).join(replacement);
  return parts.join('');
}

const re = (source: string, flags = 'g') => new RegExp(source, flags);

/** Text that PHP's trim() leaves empty. */
const PHP_TRIM = /^[ \t\n\r\0\v]*$/;

/** The rules' patterns, compiled once: wpautop runs for every post and comment of an import. */
const DOUBLE_BR = re(`<br${S}*/?>${S}*<br${S}*/?>`);
const BLOCK_OPEN = re(`(<${ALL_BLOCKS}[${S_CHARS}/>])`);
const BLOCK_CLOSE = re(`(</${ALL_BLOCKS}>)`);
const HR = re(`(<hr${S}*?/?>)`);
const SPACE_OPTION = re(`${S}*<option`);
const OPTION_SPACE = re(`</option>${S}*`);
const OBJECT_OPEN = re(`(<object[^>]*>)${S}*`);
const OBJECT_CLOSE = re(`${S}*</object>`);
const PARAM_EMBED = re(`${S}*(</?(?:param|embed)[^>]*>)${S}*`);
const MEDIA_OPEN = re(`([<\\[](?:audio|video)[^>\\]]*[>\\]])${S}*`);
const MEDIA_CLOSE = re(`${S}*([<\\[]/(?:audio|video)[>\\]])`);
const SOURCE_TRACK = re(`${S}*(<(?:source|track)[^>]*>)${S}*`);
const FIGCAPTION_OPEN = re(`${S}*(<figcaption[^>]*>)`);
const FIGCAPTION_CLOSE = re(`</figcaption>${S}*`);
const BLANK_LINE = re(`\\n${S}*\\n`);
const EMPTY_P = re(`<p>${S}*</p>`);
const P_AROUND_BLOCK = re(`<p>${S}*(</?${ALL_BLOCKS}[^>]*>)${S}*</p>`);
const P_BEFORE_BLOCK = re(`<p>${S}*(</?${ALL_BLOCKS}[^>]*>)`);
const P_AFTER_BLOCK = re(`(</?${ALL_BLOCKS}[^>]*>)${S}*</p>`);
const LINE_END = re(`(?<!<br />)${S}*\\n`);
const BR_AFTER_BLOCK = re(`(</?${ALL_BLOCKS}[^>]*>)${S}*<br />`);
const BR_BEFORE_BLOCK = re(`<br />(${S}*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)`);

/** Pre blocks are left alone: swapped for placeholders, autop'd around, swapped back. */
function hidePre(text: string, preTags: Map<string, string>): string {
  if (!text.includes('<pre')) return text;
  const parts = text.split('</pre>');
  const last = parts.pop() ?? '';
  let out = '';
  for (const part of parts) {
    const start = part.indexOf('<pre');
    if (start < 0) {
      out += part;
      continue;
    }
    const name = `<pre wp-pre-tag-${preTags.size}></pre>`;
    preTags.set(name, `${part.slice(start)}</pre>`);
    out += part.slice(0, start) + name;
  }
  return out + last;
}

/** The line-break rules that run before the text is cut into paragraphs. */
function prepare(text: string): string {
  text = text.replace(DOUBLE_BR, '\n\n');
  text = text.replace(BLOCK_OPEN, '\n\n$1');
  text = text.replace(BLOCK_CLOSE, '$1\n\n');
  text = text.replace(HR, '$1\n\n');
  text = text.replace(/\r\n|\r/g, '\n');
  text = replaceInHtmlTags(text, '\n', ' <!-- wpnl --> ');
  if (text.includes('<option')) {
    text = text.replace(SPACE_OPTION, '<option').replace(OPTION_SPACE, '</option>');
  }
  if (text.includes('</object>')) {
    text = text.replace(OBJECT_OPEN, '$1').replace(OBJECT_CLOSE, '</object>');
    text = text.replace(PARAM_EMBED, '$1');
  }
  if (text.includes('<source') || text.includes('<track')) {
    text = text.replace(MEDIA_OPEN, '$1');
    text = text.replace(MEDIA_CLOSE, '$1');
    text = text.replace(SOURCE_TRACK, '$1');
  }
  if (text.includes('<figcaption')) {
    text = text.replace(FIGCAPTION_OPEN, '$1').replace(FIGCAPTION_CLOSE, '</figcaption>');
  }
  return text.replace(/\n\n+/g, '\n\n');
}

/** Cuts on blank lines, wraps each piece in <p>, then undoes the wrapping around block elements. */
function paragraphs(text: string): string {
  const pieces = text.split(BLANK_LINE).filter((piece) => piece !== '');
  text = pieces.map((piece) => `<p>${piece.replace(/^\n+|\n+$/g, '')}</p>\n`).join('');
  text = text.replace(EMPTY_P, '');
  text = text.replace(/<p>([^<]+)<\/(div|address|form)>/g, '<p>$1</p></$2>');
  text = text.replace(P_AROUND_BLOCK, '$1');
  text = text.replace(/<p>(<li.+?)<\/p>/g, '$1');
  text = text
    .replace(/<p><blockquote([^>]*)>/gi, '<blockquote$1><p>')
    .split('</blockquote></p>')
    .join('</p></blockquote>');
  text = text.replace(P_BEFORE_BLOCK, '$1');
  return text.replace(P_AFTER_BLOCK, '$1');
}

/** Single newlines become <br />, except inside script, style and svg. */
function lineBreaks(text: string): string {
  text = text.replace(/<(script|style|svg).*?<\/\1>/gs, (m) => m.split('\n').join('<WPPreserveNewline />'));
  text = text.split('<br>').join('<br />').split('<br/>').join('<br />');
  text = text.replace(LINE_END, '<br />\n');
  return text.split('<WPPreserveNewline />').join('\n');
}

/** `wpautop( $text, true )`. */
export function wpautop(input: string): string {
  if (PHP_TRIM.test(input)) return '';
  const preTags = new Map<string, string>();
  let text = prepare(hidePre(`${input}\n`, preTags));
  text = lineBreaks(paragraphs(text));
  text = text.replace(BR_AFTER_BLOCK, '$1');
  text = text.replace(BR_BEFORE_BLOCK, '$1');
  text = text.replace(/\n<\/p>$/, '</p>');
  for (const [name, pre] of preTags) text = text.split(name).join(pre);
  if (text.includes('<!-- wpnl -->'))
    text = text.split(' <!-- wpnl --> ').join('\n').split('<!-- wpnl -->').join('\n');
  return text;
}

/** PCRE's `\s` runs (see S) and the line end after one; text that is only such whitespace. */
const SPACE_THEN_NEWLINE = /[ \t\n\v\f\r]*\n/g;
const ONLY_SPACE = /^[ \t\n\v\f\r]*$/;

/**
 * `wpautop()` of text without `<` or `>`: with no tag in it, no block rule can match, so what is left
 * is paragraphs on blank lines and `<br />` on single line ends, except a line end that opens or
 * closes a paragraph (the rules that drop `<br />` beside `<p>` and `</p>`). comments.test.ts proves
 * it equal to the full road on a randomized corpus.
 */
export function wpautopText(input: string): string {
  if (PHP_TRIM.test(input)) return '';
  let html = '';
  for (const piece of `${input}\n`.replace(/\r\n|\r/g, '\n').split(BLANK_LINE)) {
    const body = piece.replace(/^\n+|\n+$/g, '');
    if (ONLY_SPACE.test(body)) continue;
    const lines = body.replace(SPACE_THEN_NEWLINE, (match: string, at: number) =>
      at === 0 || ONLY_SPACE.test(body.slice(at + match.length)) ? '\n' : '<br />\n',
    );
    html += `<p>${lines}</p>\n`;
  }
  return html;
}

/** `wp_spaces_regexp()`. */
const SPACES = '(?:[\\r\\n\\t ]|\\u00a0|&nbsp;)';

/**
 * `shortcode_unautop()`: a shortcode that wpautop wrapped alone in a paragraph is unwrapped, so the
 * HTML it becomes is not inside a <p>.
 */
export function shortcodeUnautop(text: string, tags: readonly string[]): string {
  if (tags.length === 0) return text;
  const names = tags.map((t) => t.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|');
  const pattern = re(
    `<p>${SPACES}*(\\[(${names})(?![\\w-])[^\\]/]*(?:/(?!\\])[^\\]/]*)*?(?:/\\]|\\](?:[^\\[]*(?:\\[(?!/\\2\\])[^\\[]*)*\\[/\\2\\])?))${SPACES}*</p>`,
  );
  return text.replace(pattern, '$1');
}
