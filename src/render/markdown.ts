import MarkdownIt, { type MarkdownIt as Markdown } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import type { Formatter, TextStyle } from '../core/ports/formatter.ts';
import type { Language } from '../core/site/settings.ts';
import { smartDashes } from './typography.ts';

/**
 * Two layers for each kind of text: markdown-it decides what Markdown may produce, sanitize-html is the
 * allowlist that the output must pass whatever markdown-it let through (raw HTML in posts, bugs).
 */

const QUOTES: Record<Language, string> = { en: '“”‘’', ru: '«»„“', kk: '«»„“' };

/** Schemes a reader's browser may follow from either kind of text; data: never (it hides payloads). */
const SAFE_LINK = /^(?:https?:|mailto:)/i;
const BAD_SCHEME = /^(?:javascript|vbscript|file|data):/i;

/**
 * Ids the page itself uses (comment form, thread, landmarks). A post that reused one could hijack the
 * reply script or the skip link, so such ids are dropped.
 */
const RESERVED_ID =
  /^(?:content|comments?|respond|commentform|author|email|url|s|reply-title)$|^(?:comment|cancel-|notify_|hp_|error-)|-(?:error|hint|note)$/i;
const ID_SHAPE = /^[A-Za-z][\w:.-]{0,63}$/;

const POST_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'var',
  'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'abbr', 'cite', 'q',
  'dfn', 'time', 'a', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'picture', 'source',
  'img', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'colgroup', 'col', 'details',
  'summary', 'aside', 'section', 'span', 'div', 'bdi', 'bdo', 'ruby', 'rt', 'rp', 'wbr',
]; // prettier-ignore

const POST_ATTRIBUTES: sanitizeHtml.IOptions['allowedAttributes'] = {
  '*': ['lang', 'dir', 'id', 'title'],
  a: ['href', 'hreflang', 'rel', 'target'],
  img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading', 'decoding'],
  source: ['srcset', 'sizes', 'type', 'media', 'width', 'height'],
  th: ['colspan', 'rowspan', 'scope', 'abbr'],
  td: ['colspan', 'rowspan'],
  col: ['span'],
  colgroup: ['span'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  time: ['datetime'],
  q: ['cite'],
  blockquote: ['cite'],
  del: ['cite', 'datetime'],
  ins: ['cite', 'datetime'],
  code: ['class'],
  details: ['open'],
};

/** Content of these is dropped with the tag, not shown as text: none of it was meant to be read. */
const DROP_WITH_CONTENT = [
  'script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'noembed', 'noframes', 'template',
  'xmp', 'title', 'svg', 'math', 'object', 'select',
]; // prettier-ignore

const REL_TOKENS = new Set([
  'nofollow',
  'noreferrer',
  'noopener',
  'external',
  'me',
  'author',
  'license',
  'tag',
]);

type Attributes = sanitizeHtml.Attributes;

function postLink(tagName: string, attribs: Attributes): sanitizeHtml.Tag {
  const rel = new Set(
    (attribs.rel ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((t) => REL_TOKENS.has(t)),
  );
  const out: Attributes = { ...attribs };
  if ((attribs.target ?? '').toLowerCase() === '_blank') {
    out.target = '_blank';
    rel.add('noopener');
  } else {
    delete out.target;
  }
  if (rel.size > 0) out.rel = [...rel].join(' ');
  else delete out.rel;
  return { tagName, attribs: out };
}

function withSafeId(tagName: string, attribs: Attributes): sanitizeHtml.Tag {
  if (attribs.id === undefined || (ID_SHAPE.test(attribs.id) && !RESERVED_ID.test(attribs.id))) {
    return { tagName, attribs };
  }
  const { id: _dropped, ...rest } = attribs;
  return { tagName, attribs: rest };
}

/** The page title is the one h1; a post written with `#` headings has each level moved down by one. */
function demoteHeading(tagName: string, attribs: Attributes): sanitizeHtml.Tag {
  const level = Math.min(6, Number(tagName.slice(1)) + 1);
  return { tagName: `h${level}`, attribs };
}

function postPolicy(demote: boolean): sanitizeHtml.IOptions {
  const headings = demote
    ? Object.fromEntries(['h1', 'h2', 'h3', 'h4', 'h5'].map((tag) => [tag, demoteHeading]))
    : {};
  return {
    allowedTags: POST_TAGS,
    allowedAttributes: POST_ATTRIBUTES,
    allowedClasses: { code: ['language-*'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'], source: ['http', 'https'] },
    allowProtocolRelative: false,
    nonTextTags: DROP_WITH_CONTENT,
    selfClosing: [...sanitizeHtml.defaults.selfClosing, 'source', 'wbr'],
    transformTags: { ...headings, a: postLink, '*': withSafeId },
  };
}

/** A path on this site: one `/` and then neither `/` nor `\` (which browsers read as another host). */
const SITE_PATH = /^\/(?![/\\])/;

function commentLinkTo(allowed: (href: string) => boolean) {
  return (tagName: string, attribs: Attributes): sanitizeHtml.Tag => {
    const href = (attribs.href ?? '').trim();
    // A link that is not plainly allowed becomes its text: span is not allowed, so it unwraps.
    if (!allowed(href)) return { tagName: 'span', attribs: {} };
    return { tagName, attribs: { href, rel: 'nofollow ugc noopener' } };
  };
}

function commentPolicy(allowed: (href: string) => boolean): sanitizeHtml.IOptions {
  return {
    allowedTags: ['p', 'br', 'a', 'em', 'strong', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li'],
    allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    nonTextTags: DROP_WITH_CONTENT,
    transformTags: { a: commentLinkTo(allowed) },
  };
}

const COMMENT_POLICY = commentPolicy((href) => SAFE_LINK.test(href));
/** Imported comments also keep links to this site's own pages (the import rewrote the old blog's to them). */
const IMPORTED_COMMENT_POLICY = commentPolicy((href) => SAFE_LINK.test(href) || SITE_PATH.test(href));

/**
 * Posts as typed, or with smart quotes in the language's marks and dashes. markdown-it's own
 * `replacements` rule is always off: it turns "(c)" into "©" (and (r), (tm), (p), +-, "...").
 */
function postMarkdown(smart: Language | undefined): Markdown {
  const md = new MarkdownIt({
    html: true,
    linkify: true,
    typographer: smart !== undefined,
    quotes: QUOTES[smart ?? 'en'],
  });
  md.disable('replacements');
  if (smart !== undefined) md.core.ruler.after('smartquotes', 'smart_dashes', smartDashes);
  md.validateLink = (url) => !BAD_SCHEME.test(url.trim());
  return md;
}

function commentMarkdown(): Markdown {
  // Readers type plain text with line breaks and the odd link; headings, images and tables are the
  // writer's tools, and raw HTML is shown as typed.
  const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
  md.disable(['heading', 'lheading', 'table', 'image', 'hr', 'strikethrough']);
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  return md;
}

export function createFormatter(): Formatter {
  const asTyped = postMarkdown(undefined);
  const smart = new Map<Language, Markdown>();
  const postsIn = (style: TextStyle | undefined): Markdown => {
    if (style?.typography !== 'smart') return asTyped;
    let md = smart.get(style.language);
    if (!md) smart.set(style.language, (md = postMarkdown(style.language)));
    return md;
  };
  const comments = commentMarkdown();
  return {
    post(markdown: string, style?: TextStyle): string {
      const rendered = postsIn(style).render(markdown);
      return sanitizeHtml(rendered, postPolicy(/<h1[\s>]/i.test(rendered))).trim();
    },
    comment(markdown: string): string {
      return sanitizeHtml(comments.render(markdown), COMMENT_POLICY).trim();
    },
    html(html: string): string {
      return sanitizeHtml(html, postPolicy(/<h1[\s>]/i.test(html))).trim();
    },
    commentHtml(html: string): string {
      return sanitizeHtml(html, IMPORTED_COMMENT_POLICY).trim();
    },
  };
}
