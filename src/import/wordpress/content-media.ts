import { replaceInHtmlTags } from './content-autop.ts';
import { decodeHtmlEntities } from '../../render/entities.ts';
import { displayHost, linkTo, type Notes } from './content-html.ts';

/**
 * Media that WordPress shows but our posts do not play inline: oEmbed URLs alone on a line, and
 * iframes, video, audio and Flash objects pasted as HTML. Each becomes a visible link to what it
 * showed, listed in the notes, instead of vanishing in the sanitizer.
 */

/** Hosts WordPress turns into an embedded player (its oEmbed providers); other URLs stay links. */
const EMBED_HOSTS =
  /(^|\.)(youtube\.com|youtu\.be|vimeo\.com|dailymotion\.com|twitter\.com|x\.com|wordpress\.tv|videopress\.com|soundcloud\.com|spotify\.com|flickr\.com|flic\.kr|instagram\.com|facebook\.com|tiktok\.com|ted\.com|slideshare\.net|speakerdeck\.com|scribd\.com|issuu\.com|mixcloud\.com|reddit\.com|tumblr\.com|imgur\.com|giphy\.com|kickstarter\.com|cloudup\.com|crowdsignal\.com|polldaddy\.com|smugmug\.com|animoto\.com|amazon\.com|pinterest\.com|wolframcloud\.com|screencast\.com|reverbnation\.com|bsky\.app|mastodon\.social|pocketcasts\.com)$/i;

/** `url` is HTML text here (`&amp;` for `&`): the link is made from what it says. */
function embedLink(html: string, notes: Notes): string {
  const url = decodeHtmlEntities(html);
  const host = displayHost(url);
  if (EMBED_HOSTS.test(host)) notes.add(`embedded media from ${host} shown as a link: ${url}`);
  return linkTo(url);
}

/**
 * `WP_Embed::autoembed()`: a URL alone on its line, or alone in a paragraph, is embedded by WordPress.
 * We make it a link (WordPress leaves an unknown one as plain text; a link shows the same text).
 */
export function autoembed(content: string, notes: Notes): string {
  let text = replaceInHtmlTags(content, '\n', '<!-- wp-line-break -->');
  if (/(^|[ \t\n\v\f\r]|>)https?:\/\//i.test(text)) {
    text = text.replace(
      /^([ \t\n\v\f\r]*)(https?:\/\/[^ \t\n\v\f\r<>"]+)([ \t\n\v\f\r]*)$/gim,
      (_m, a, url, b) => a + embedLink(url, notes) + b,
    );
    text = text.replace(
      /(<p(?: [^>]*)?>[ \t\n\v\f\r]*)(https?:\/\/[^ \t\n\v\f\r<>"]+)([ \t\n\v\f\r]*<\/p>)/gi,
      (_m, a, url, b) => a + embedLink(url, notes) + b,
    );
  }
  return text.split('<!-- wp-line-break -->').join('\n');
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const value = m ? (m[1] ?? m[2] ?? m[3] ?? '') : undefined;
  return value === undefined ? undefined : decodeHtmlEntities(value).trim();
}

/** The URL an element shows: its own src or data, else that of a source, embed or movie param inside. */
function mediaUrl(element: string): string | undefined {
  const open = /^<[^>]*>/.exec(element)?.[0] ?? element;
  const direct = attribute(open, 'src') ?? attribute(open, 'data');
  if (direct) return direct;
  for (const tag of element.match(/<(?:source|embed)\b[^>]*>/gi) ?? []) {
    const src = attribute(tag, 'src');
    if (src) return src;
  }
  const param = /<param\b[^>]*\bname\s*=\s*["']?(?:movie|src)\b[^>]*>/i.exec(element)?.[0];
  return param ? attribute(param, 'value') : undefined;
}

const ELEMENTS = /<(iframe|video|audio|object)\b[^>]*>[\s\S]*?<\/\1\s*>|<embed\b[^>]*>/gi;

/** What the sanitizer would drop with its content (iframe, object) or strip to nothing (video, audio). */
export function mediaToLinks(html: string, notes: Notes): string {
  return html.replace(ELEMENTS, (element) => {
    const name = (/^<(\w+)/.exec(element)?.[1] ?? '').toLowerCase();
    const url = mediaUrl(element);
    if (!url || !/^(https?:)?\/\//i.test(url)) {
      notes.add(`<${name}> without a URL to link to may not be shown`);
      return element;
    }
    const absolute = url.startsWith('//') ? `https:${url}` : url;
    notes.add(`<${name}> from ${displayHost(absolute)} shown as a link: ${absolute}`);
    return linkTo(absolute);
  });
}

/** Elements our posts do not keep, named in the notes so nothing goes without a word. */
export function noteDroppedElements(html: string, notes: Notes): void {
  const seen = new Set(
    (html.match(/<(script|form|input|select|textarea|button|svg|math|canvas)\b/gi) ?? []).map((t) =>
      t.slice(1).toLowerCase(),
    ),
  );
  for (const name of seen) notes.add(`<${name}> is not kept in posts`);
}
