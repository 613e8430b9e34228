import { Hono } from 'hono';
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
    const key = decodeURIComponent(new URL(c.req.url).pathname.slice('/media/'.length));
    const type = MEDIA_TYPES[key.split('.').pop()?.toLowerCase() ?? ''];
    if (!type || key.includes('..') || key.startsWith('/')) return c.notFound();
    const data = await blobs.get(key);
    if (!data) return c.notFound();
    c.header('Content-Type', type);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(data as Uint8Array<ArrayBuffer>);
  });

  return app;
}
