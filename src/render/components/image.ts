import type { FeaturedImage } from '../../core/posts/post.ts';
import type { Media, MediaVariant } from '../../core/site/media.ts';
import type { Translator } from '../i18n/index.ts';
import { empty, h, type Html } from '../html.ts';

/** Where http/ serves blob-store keys (src/http/assets.ts). */
export const MEDIA_PREFIX = '/media/';

/** The column is 37rem wide (theme --measure); below that the image spans the viewport. */
const SIZES = '(min-width: 40rem) 37rem, 100vw';

/** Modern formats first: the browser takes the first `<source>` whose type it supports. */
const SOURCE_ORDER = ['image/avif', 'image/webp'];

export function mediaUrl(key: string): string {
  return MEDIA_PREFIX + key.split('/').map(encodeURIComponent).join('/');
}

function srcset(variants: MediaVariant[]): string {
  return [...variants]
    .sort((a, b) => a.width - b.width)
    .map((v) => `${mediaUrl(v.path)} ${v.width}w`)
    .join(', ');
}

/**
 * The fallback `<img>` uses the resized copies in the original's format; the original itself only
 * when there are none, so a phone on a slow network never pulls the full-size upload.
 */
function fallback(media: Media): { src: string; set: MediaVariant[] } {
  const same = media.variants.filter((v) => v.mime === media.mime);
  if (same.length === 0) return { src: mediaUrl(media.path), set: [] };
  const sorted = [...same].sort((a, b) => a.width - b.width);
  const src = sorted.find((v) => v.width >= 1200) ?? sorted[sorted.length - 1]!;
  return { src: mediaUrl(src.path), set: sorted };
}

/** A responsive `<picture>`; width and height reserve its space, so the text does not jump as it loads. */
export function picture(media: Media, alt: string, eager: boolean): Html {
  const sources = SOURCE_ORDER.filter((mime) => mime !== media.mime).flatMap((mime) => {
    const set = media.variants.filter((v) => v.mime === mime);
    return set.length === 0 ? [] : [h`<source type="${mime}" srcset="${srcset(set)}" sizes="${SIZES}">`];
  });
  const { src, set } = fallback(media);
  const loading = eager ? h` fetchpriority="high"` : h` loading="lazy"`;
  return h`<picture>${sources}<img src="${src}"${set.length > 0 ? h` srcset="${srcset(set)}" sizes="${SIZES}"` : empty} width="${media.width}" height="${media.height}" alt="${alt}" decoding="async"${loading}></picture>`;
}

/** The featured image with the words the writer put under it: caption, then "Photo: credit". */
export function featuredFigure(media: Media, image: FeaturedImage, t: Translator, eager: boolean): Html {
  const caption = image.caption.trim();
  const credit = image.credit.trim();
  const figcaption =
    caption || credit
      ? h`<figcaption>${caption}${caption && credit ? ' ' : ''}${credit ? h`<span class="credit">${t.t('post.photoCredit', { credit })}</span>` : empty}</figcaption>`
      : empty;
  return h`<figure class="featured">${picture(media, image.alt, eager)}${figcaption}</figure>`;
}
