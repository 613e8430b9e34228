import { decodeHtmlEntities } from '../../render/entities.ts';
import { escapeAttribute, escapeText } from '../../render/xml.ts';
import { displayHost, linkTo, type Notes } from './content-html.ts';
import { doShortcodes, type ShortcodeAttributes, type ShortcodeHandler } from './content-shortcode-parse.ts';

/**
 * What the shortcodes WordPress (and WordPress.com) render become here. Media that WordPress plays
 * or embeds becomes a visible link, galleries a visible placeholder, and each is listed in the notes.
 */

const AUDIO_SOURCES = ['src', 'mp3', 'ogg', 'oga', 'wav', 'm4a', 'flac', 'wma'];
const VIDEO_SOURCES = ['src', 'mp4', 'm4v', 'webm', 'ogv', 'wmv', 'flv', 'mov'];

/** Every shortcode converted here; the rest stay as text (see unknownShortcodes). */
export const CONVERTED_SHORTCODES = [
  'embed',
  'caption',
  'wp_caption',
  'gallery',
  'playlist',
  'audio',
  'video',
  'youtube',
  'vimeo',
];

function isUrl(text: string): boolean {
  return /^https?:\/\/\S+$/i.test(text);
}

/**
 * `img_caption_shortcode()`: the image (with its link) and, after it or in `caption=`, the caption.
 * WordPress drops a caption when the shortcode has no width; we keep it, as text must not be lost.
 */
function caption(inner: (html: string) => string): ShortcodeHandler {
  return (attributes, content = '') => {
    let text = attributes.named['caption'];
    let image = content;
    if (text === undefined) {
      const m = /((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*<\/a>)?)(.*)/is.exec(content);
      if (m) [image, text] = [m[1] ?? '', (m[2] ?? '').trim()];
    }
    if (!text) return inner(image);
    const align = attributes.named['align'] || 'alignnone';
    const classes = ['wp-caption', align, attributes.named['class'] ?? ''].join(' ').trim();
    return `<figure class="${escapeAttribute(classes)}">${inner(image)}<figcaption class="wp-caption-text">${text}</figcaption></figure>`;
  };
}

function idList(attributes: ShortcodeAttributes): string[] {
  const ids = attributes.named['ids'] ?? attributes.named['include'] ?? '';
  return ids
    .split(',')
    .map((id) => id.trim())
    .filter((id) => /^\d+$/.test(id));
}

/**
 * A gallery's images are attachments the export lists separately: the placeholder says what was
 * there and carries the ids (`data-ids`) so the importer can put the images back.
 */
function collection(kind: 'gallery' | 'playlist', label: string, notes: Notes): ShortcodeHandler {
  return (attributes) => {
    const ids = idList(attributes);
    const what =
      ids.length > 0
        ? `${label} of ${ids.length} ${kind === 'gallery' ? 'images' : 'items'}`
        : `${label} of this post’s media`;
    notes.add(
      `[${kind}] kept as a placeholder paragraph: ${ids.length > 0 ? `attachments ${ids.join(', ')}` : 'the post’s attachments'}`,
    );
    const data = ids.length > 0 ? ` data-ids="${ids.join(',')}"` : '';
    return `<p class="wp-${kind}"${data}>${escapeText(what)}</p>`;
  };
}

function mediaLink(kind: string, sources: string[], notes: Notes): ShortcodeHandler {
  return (attributes, content) => {
    // WordPress.com also takes the file as the first word: `[audio https://…/song.mp3]`.
    const key = sources.find((name) => attributes.named[name]);
    const given = key
      ? attributes.named[key]!
      : (attributes.positional.find((p) => isUrl(p)) ?? content ?? '');
    const url = decodeHtmlEntities(given.trim());
    if (!isUrl(url)) {
      notes.add(`[${kind}] without a file URL kept as text`);
      return `[${kind}${attributesText(attributes)}]${content ?? ''}${content === undefined ? '' : `[/${kind}]`}`;
    }
    notes.add(`[${kind}] shown as a link to its file: ${url}`);
    return linkTo(url);
  };
}

function attributesText(attributes: ShortcodeAttributes): string {
  const named = Object.entries(attributes.named).map(([k, v]) => ` ${k}="${v}"`);
  return [...named, ...attributes.positional.map((v) => ` ${v}`)].join('');
}

/** `[embed]URL[/embed]`, and WordPress.com's `[youtube URL]`, `[youtube=URL]` and `[vimeo ID]`. */
function embed(kind: string, notes: Notes, toUrl: (value: string) => string | undefined): ShortcodeHandler {
  return (attributes, content) => {
    const given = content ?? attributes.named['url'] ?? attributes.positional[0] ?? '';
    const value = decodeHtmlEntities(given.trim().replace(/^=/, ''));
    const url = toUrl(value);
    if (!url) {
      notes.add(`[${kind}] without a URL kept as text`);
      return `[${kind}${attributesText(attributes)}]${content ?? ''}${content === undefined ? '' : `[/${kind}]`}`;
    }
    notes.add(`embedded media from ${displayHost(url)} shown as a link: ${url}`);
    return linkTo(url);
  };
}

const asUrl = (value: string) => (isUrl(value) ? value : undefined);

/** WordPress runs [embed] before wpautop (priority 8), the rest after it (priority 11). */
export function embedShortcodes(text: string, notes: Notes): string {
  return doShortcodes(text, { embed: embed('embed', notes, asUrl) });
}

export function otherShortcodes(text: string, notes: Notes): string {
  const handlers: Record<string, ShortcodeHandler> = {};
  const captioned = caption((html) => doShortcodes(html, handlers));
  Object.assign(handlers, {
    caption: captioned,
    wp_caption: captioned,
    gallery: collection('gallery', 'Gallery', notes),
    playlist: collection('playlist', 'Playlist', notes),
    audio: mediaLink('audio', AUDIO_SOURCES, notes),
    video: mediaLink('video', VIDEO_SOURCES, notes),
    youtube: embed(
      'youtube',
      notes,
      (v) => asUrl(v) ?? (/^[\w-]{11}$/.test(v) ? `https://www.youtube.com/watch?v=${v}` : undefined),
    ),
    vimeo: embed('vimeo', notes, (v) => asUrl(v) ?? (/^\d+$/.test(v) ? `https://vimeo.com/${v}` : undefined)),
  });
  return doShortcodes(text, handlers);
}
