import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import type { BlobStore } from '../core/ports/blobs.ts';
import { ImageRejected, type ImageLibrary } from '../core/ports/images.ts';
import { slugify } from '../core/posts/slug.ts';
import type { MediaVariant, NewMedia } from '../core/site/media.ts';

/** Widths offered to browsers through srcset: a phone, a laptop column, a wide screen. */
const WIDTHS = [480, 960, 1600];

/**
 * sharp does the image work: it drops EXIF and GPS by default (we never call withMetadata), turns
 * the photo upright first, and writes WebP copies at a few widths next to a cleaned original.
 */
export class SharpImageLibrary implements ImageLibrary {
  private readonly blobs: BlobStore;
  constructor(blobs: BlobStore) {
    this.blobs = blobs;
  }

  async store(bytes: Uint8Array, filename: string, now: Date): Promise<NewMedia> {
    let meta: Metadata;
    try {
      meta = await sharp(bytes).metadata();
    } catch {
      throw new ImageRejected(`${filename}: not an image we can read`);
    }
    if (!meta.width || !meta.height || !meta.format)
      throw new ImageRejected(`${filename}: not an image we can read`);

    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
    const stem = slugify(filename.replace(/\.[^.]+$/, '')) || 'image';
    const folder = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const base = `${folder}/${stem}-${hash}`;

    const upright = sharp(bytes).rotate();
    const format = meta.format === 'png' ? 'png' : 'jpeg';
    const original = await upright
      .clone()
      .toFormat(format, { quality: 85 })
      .toBuffer({ resolveWithObject: true });
    const path = `${base}.${format === 'png' ? 'png' : 'jpg'}`;
    await this.blobs.put(path, original.data);

    const variants: MediaVariant[] = [];
    for (const width of WIDTHS.filter((w) => w < original.info.width)) {
      const out = await upright
        .clone()
        .resize({ width })
        .webp({ quality: 78 })
        .toBuffer({ resolveWithObject: true });
      const variantPath = `${base}-${width}.webp`;
      await this.blobs.put(variantPath, out.data);
      variants.push({
        path: variantPath,
        width: out.info.width,
        height: out.info.height,
        mime: 'image/webp',
      });
    }
    const full = await upright.clone().webp({ quality: 78 }).toBuffer({ resolveWithObject: true });
    await this.blobs.put(`${base}.webp`, full.data);
    variants.push({
      path: `${base}.webp`,
      width: full.info.width,
      height: full.info.height,
      mime: 'image/webp',
    });

    return {
      path,
      mime: format === 'png' ? 'image/png' : 'image/jpeg',
      width: original.info.width,
      height: original.info.height,
      bytes: original.data.length,
      variants,
    };
  }
}
