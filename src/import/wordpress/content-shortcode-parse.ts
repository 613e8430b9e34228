import { htmlSplit } from './content-autop.ts';

/**
 * WordPress's shortcode grammar (wp-includes/shortcodes.php): `get_shortcode_regex()`,
 * `shortcode_parse_atts()` and `do_shortcode()`, for the shortcodes we convert.
 */

export interface ShortcodeAttributes {
  /** `name="value"`, names lowercased. */
  named: Record<string, string>;
  /** Values without a name, in order: `[youtube https://…]`, `[vimeo 123]`. */
  positional: string[];
}

export type ShortcodeHandler = (attributes: ShortcodeAttributes, content: string | undefined) => string;

const quote = (name: string) => name.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** `get_shortcode_regex()`: groups 1–6 as in WordPress (escape, name, attributes, self-close, content, escape). */
function shortcodeRegex(names: readonly string[]): RegExp {
  const tags = names.map(quote).join('|');
  return new RegExp(
    `\\[(\\[?)(${tags})(?![\\w-])([^\\]/]*(?:/(?!\\])[^\\]/]*)*?)(?:(/)\\]|\\](?:([^\\[]*(?:\\[(?!/\\2\\])[^\\[]*)*)\\[/\\2\\])?)(\\]?)`,
    'g',
  );
}

const ATTRIBUTE =
  /([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)/g;

/** `shortcode_parse_atts()`, without its stripcslashes (exports keep backslashes as written). */
export function parseAttributes(text: string): ShortcodeAttributes {
  const attributes: ShortcodeAttributes = { named: Object.create(null), positional: [] };
  for (const m of text.replace(/[\u00a0\u200b]+/g, ' ').matchAll(ATTRIBUTE)) {
    if (m[1]) attributes.named[m[1].toLowerCase()] = m[2] ?? '';
    else if (m[3]) attributes.named[m[3].toLowerCase()] = m[4] ?? '';
    else if (m[5]) attributes.named[m[5].toLowerCase()] = m[6] ?? '';
    else if (m[7] !== undefined && m[7] !== '') attributes.positional.push(m[7]);
    else if (m[8] !== undefined && m[8] !== '') attributes.positional.push(m[8]);
    else if (m[9] !== undefined) attributes.positional.push(m[9]);
  }
  return attributes;
}

/**
 * Shortcodes inside tags and comments are not run (WordPress escapes their brackets the same way);
 * NUL cannot occur in XML, so these markers cannot collide with an export's text.
 */
const OPEN = '\u0000L';
const CLOSE = '\u0000R';

function hideBracketsInTags(text: string): string {
  const parts = htmlSplit(text);
  for (let i = 1; i < parts.length; i += 2) parts[i] = parts[i]!.replaceAll('[', OPEN).replaceAll(']', CLOSE);
  return parts.join('');
}

/** `do_shortcode()` for the given handlers; every other bracketed text is left as it is. */
export function doShortcodes(text: string, handlers: Record<string, ShortcodeHandler>): string {
  if (!text.includes('[')) return text;
  const present = new Set([...text.matchAll(/\[([^<>&/[\]\x00-\x20=]+)/g)].map((m) => m[1]));
  const names = Object.keys(handlers).filter((name) => present.has(name));
  if (names.length === 0) return text;
  const hidden = hideBracketsInTags(text);
  const replaced = hidden.replace(
    shortcodeRegex(names),
    (whole, open, name, attributes, _self, content, close) => {
      // `[[gallery]]` is WordPress's way to write a shortcode as text.
      if (open === '[' && close === ']') return whole.slice(1, -1);
      const handler = handlers[name as string]!;
      return `${open}${handler(parseAttributes(attributes as string), content as string | undefined)}${close}`;
    },
  );
  return replaced.replaceAll(OPEN, '[').replaceAll(CLOSE, ']');
}
