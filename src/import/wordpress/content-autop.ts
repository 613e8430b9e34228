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
  text = text.replace(re(`<br${S}*/?>${S}*<br${S}*/?>`), '\n\n');
  text = text.replace(re(`(<${ALL_BLOCKS}[${S_CHARS}/>])`), '\n\n$1');
  text = text.replace(re(`(</${ALL_BLOCKS}>)`), '$1\n\n');
  text = text.replace(re(`(<hr${S}*?/?>)`), '$1\n\n');
  text = text.replace(/\r\n|\r/g, '\n');
  text = replaceInHtmlTags(text, '\n', ' <!-- wpnl --> ');
  if (text.includes('<option')) {
    text = text.replace(re(`${S}*<option`), '<option').replace(re(`</option>${S}*`), '</option>');
  }
  if (text.includes('</object>')) {
    text = text.replace(re(`(<object[^>]*>)${S}*`), '$1').replace(re(`${S}*</object>`), '</object>');
    text = text.replace(re(`${S}*(</?(?:param|embed)[^>]*>)${S}*`), '$1');
  }
  if (text.includes('<source') || text.includes('<track')) {
    text = text.replace(re(`([<\\[](?:audio|video)[^>\\]]*[>\\]])${S}*`), '$1');
    text = text.replace(re(`${S}*([<\\[]/(?:audio|video)[>\\]])`), '$1');
    text = text.replace(re(`${S}*(<(?:source|track)[^>]*>)${S}*`), '$1');
  }
  if (text.includes('<figcaption')) {
    text = text
      .replace(re(`${S}*(<figcaption[^>]*>)`), '$1')
      .replace(re(`</figcaption>${S}*`), '</figcaption>');
  }
  return text.replace(/\n\n+/g, '\n\n');
}

/** Cuts on blank lines, wraps each piece in <p>, then undoes the wrapping around block elements. */
function paragraphs(text: string): string {
  const pieces = text.split(re(`\\n${S}*\\n`)).filter((piece) => piece !== '');
  text = pieces.map((piece) => `<p>${piece.replace(/^\n+|\n+$/g, '')}</p>\n`).join('');
  text = text.replace(re(`<p>${S}*</p>`), '');
  text = text.replace(/<p>([^<]+)<\/(div|address|form)>/g, '<p>$1</p></$2>');
  text = text.replace(re(`<p>${S}*(</?${ALL_BLOCKS}[^>]*>)${S}*</p>`), '$1');
  text = text.replace(/<p>(<li.+?)<\/p>/g, '$1');
  text = text
    .replace(/<p><blockquote([^>]*)>/gi, '<blockquote$1><p>')
    .split('</blockquote></p>')
    .join('</p></blockquote>');
  text = text.replace(re(`<p>${S}*(</?${ALL_BLOCKS}[^>]*>)`), '$1');
  return text.replace(re(`(</?${ALL_BLOCKS}[^>]*>)${S}*</p>`), '$1');
}

/** Single newlines become <br />, except inside script, style and svg. */
function lineBreaks(text: string): string {
  text = text.replace(/<(script|style|svg).*?<\/\1>/gs, (m) => m.split('\n').join('<WPPreserveNewline />'));
  text = text.split('<br>').join('<br />').split('<br/>').join('<br />');
  text = text.replace(re(`(?<!<br />)${S}*\\n`), '<br />\n');
  return text.split('<WPPreserveNewline />').join('\n');
}

/** `wpautop( $text, true )`. */
export function wpautop(input: string): string {
  if (input.replace(/^[ \t\n\r\0\v]+|[ \t\n\r\0\v]+$/g, '') === '') return '';
  const preTags = new Map<string, string>();
  let text = prepare(hidePre(`${input}\n`, preTags));
  text = lineBreaks(paragraphs(text));
  text = text.replace(re(`(</?${ALL_BLOCKS}[^>]*>)${S}*<br />`), '$1');
  text = text.replace(re(`<br />(${S}*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)`), '$1');
  text = text.replace(/\n<\/p>$/, '</p>');
  for (const [name, pre] of preTags) text = text.split(name).join(pre);
  if (text.includes('<!-- wpnl -->'))
    text = text.split(' <!-- wpnl --> ').join('\n').split('<!-- wpnl -->').join('\n');
  return text;
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
