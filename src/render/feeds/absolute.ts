import { decodeHtmlEntities } from '../entities.ts';
import { escapeAttribute } from '../xml.ts';

/**
 * A feed reader shows a post away from the site, where `/media/x.jpg` or `#notes` means nothing: every
 * URL in the content must be absolute. Relative URLs resolve against the page the HTML came from (the
 * post's own URL), as a browser on the site would resolve them.
 */

/** Attributes that hold one URL, and the one that holds a list of them. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'poster', 'action', 'longdesc']);
const SRCSET = 'srcset';

/**
 * A start tag. Only fed sanitized HTML, in which `<` and `>` inside text and attribute values are always
 * escaped, so a `<` here really opens a tag and the first `>` after it closes one.
 */
const START_TAG = /<[a-zA-Z][^>]*>/g;
const ATTRIBUTE = /(\s)([^\s"'>/=]+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)/g;

/** The URL made absolute, or unchanged when it cannot be parsed (it was broken on the site too). */
export function absoluteUrl(url: string, base: string): string {
  try {
    return new URL(url.trim(), base).href;
  } catch {
    return url;
  }
}

/** `a.jpg 800w, b.jpg 2x`: each candidate's URL made absolute, its descriptor kept. */
function absoluteSrcset(value: string, base: string): string {
  return value
    .split(',')
    .map((candidate) => {
      const [url = '', ...descriptors] = candidate.trim().split(/\s+/);
      return [absoluteUrl(url, base), ...descriptors].join(' ');
    })
    .filter((candidate) => candidate !== '')
    .join(', ');
}

function rewriteTag(tag: string, base: string): string {
  return tag.replace(ATTRIBUTE, (whole, space: string, name: string, equals: string, quoted: string) => {
    const key = name.toLowerCase();
    if (!URL_ATTRIBUTES.has(key) && key !== SRCSET) return whole;
    const raw = /^["']/.test(quoted) ? quoted.slice(1, -1) : quoted;
    const value = decodeHtmlEntities(raw);
    const absolute = key === SRCSET ? absoluteSrcset(value, base) : absoluteUrl(value, base);
    return `${space}${name}${equals}"${escapeAttribute(absolute)}"`;
  });
}

/** Sanitized HTML with every href, src, srcset (and cite) resolved against `base`, an absolute URL. */
export function absolutizeHtml(html: string, base: string): string {
  return html.replace(START_TAG, (tag) => rewriteTag(tag, base));
}
