import { Hono } from 'hono';
import { parseSegment } from '../core/input.ts';
import type { BlobStore } from '../core/ports/blobs.ts';
import { assets } from '../render/index.ts';

const MEDIA_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};

/**
 * The blob key a `/media/` path names: each segment decoded and passed through the input gate, none
 * of them `.` or `..`. Anything else (`%00`, a lone `%`, `..`) names no file.
 */
function mediaKey(encoded: string): string | undefined {
  const segments: string[] = [];
  for (const raw of encoded.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (!parseSegment(segment) || segment === '.' || segment === '..' || /[\\/]/.test(segment))
      return undefined;
    segments.push(segment);
  }
  return segments.join('/');
}

/** The theme's files (named by their content hash, so cached for good) and uploaded media. */
export function assetRoutes(blobs: BlobStore): Hono {
  const app = new Hono();
  const byPath = new Map(Object.values(assets).map((a) => [a.path, a]));

  app.get('/assets/:file', (c) => {
    const asset = byPath.get(new URL(c.req.url).pathname);
    if (!asset) return c.notFound();
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(asset.body);
  });

  app.get('/media/*', async (c) => {
    const key = mediaKey(new URL(c.req.url).pathname.slice('/media/'.length));
    const type = MEDIA_TYPES[key?.split('.').pop()?.toLowerCase() ?? ''];
    if (!key || !type) return c.notFound();
    const data = await blobs.get(key);
    if (!data) return c.notFound();
    c.header('Content-Type', type);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(data as Uint8Array<ArrayBuffer>);
  });

  return app;
}
