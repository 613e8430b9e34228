import { wpautop } from './content-autop.ts';
import { escapeText } from '../../render/xml.ts';
import { displayHost, linkTo, type Notes } from './content-html.ts';

/**
 * Block editor content already holds its HTML between `<!-- wp:name {attrs} -->` and
 * `<!-- /wp:name -->`; the delimiters go and the HTML stays. A block saved as a lone comment
 * (`<!-- wp:name {attrs} /-->`) has no HTML: WordPress builds it when the page is shown, from the
 * database (latest posts, archives, the post's title…). Those with a URL become a link; the rest
 * are listed in the notes.
 */

/** WordPress's block parser delimiter (`WP_Block_Parser::next_token`), without possessive quantifiers. */
const DELIMITER =
  /<!--\s+(\/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+(\{(?:[^}]|\}(?!\s+\/?-->))*\}\s+)?(\/)?-->/g;

/** `core/shortcode` renders its text through wpautop, so its shortcodes stand on their own lines. */
const SHORTCODE_BLOCK = /<!--\s+wp:shortcode\s+-->([\s\S]*?)<!--\s+\/wp:shortcode\s+-->/g;

export function hasBlocks(text: string): boolean {
  return text.includes('<!-- wp:');
}

function attributesOf(json: string | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A block that is only a comment: what, if anything, stands for it. */
function voidBlock(
  namespace: string,
  name: string,
  attributes: Record<string, unknown>,
  notes: Notes,
): string {
  const url = text(attributes['url']) || text(attributes['href']);
  const label = text(attributes['label']) || text(attributes['service']);
  if (name === 'embed' || namespace === 'core-embed/') {
    if (!url) return '';
    notes.add(`embedded media from ${displayHost(url)} shown as a link: ${url}`);
    return `<p>${linkTo(url)}</p>`;
  }
  if (name === 'block' && namespace === '') {
    notes.add(
      `reusable block ${text(attributes['ref']) || String(attributes['ref'] ?? '?')} is not included`,
    );
    return '';
  }
  if (/^https?:\/\//i.test(url)) {
    notes.add(`block wp:${namespace}${name} shown as a link`);
    const link = linkTo(url, label || url);
    return name === 'social-link' || name === 'navigation-link' ? `<li>${link}</li>` : `<p>${link}</p>`;
  }
  // An empty shortcode block renders nothing on WordPress either.
  if (name === 'shortcode' && namespace === '') return '';
  if (name === 'footnotes') {
    notes.add('footnotes (kept in the post’s "footnotes" meta by WordPress) are not included');
    return '';
  }
  notes.add(
    `dynamic block wp:${namespace}${name} is not converted (WordPress builds it when the page is shown)`,
  );
  return label ? `<p>${escapeText(label)}</p>` : '';
}

export function convertBlocks(content: string, notes: Notes): string {
  const withShortcodes = content.replace(SHORTCODE_BLOCK, (_whole, inner: string) => wpautop(inner));
  return withShortcodes.replace(DELIMITER, (_whole, closer, namespace, name, json, isVoid) => {
    if (closer || !isVoid) return '';
    return voidBlock(
      (namespace as string | undefined) ?? '',
      name as string,
      attributesOf(json as string | undefined),
      notes,
    );
  });
}
