import { join } from 'node:path';
import { siteUrl } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import type { CoreDeps } from '../core/deps.ts';
import { systemClock, type Clock } from '../core/ports/clock.ts';
import { MemoryRateLimiter } from '../core/ports/rate-limiter.ts';
import { cachedSettings } from '../core/site/settings-cache.ts';
import type { WebServices } from '../http/services.ts';
import { FileBlobStore } from '../media/file-blobs.ts';
import { SharpImageLibrary } from '../media/images.ts';
import { createFormatter } from '../render/index.ts';
import { migrateToLatest, openStorage } from '../storage/index.ts';
import { ensureSecret } from './secret.ts';

/** The composition root: the one place that names concrete adapters. */
export interface Site {
  config: Config;
  core: CoreDeps;
  blobs: FileBlobStore;
  images: SharpImageLibrary;
  secret: string;
  close(): Promise<void>;
}

export async function openSite(config: Config, options: { clock?: Clock } = {}): Promise<Site> {
  const storage = await openStorage({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrateToLatest(storage);
    const blobs = new FileBlobStore(join(config.DATA_DIR, 'media'));
    const core: CoreDeps = {
      storage,
      clock: options.clock ?? systemClock,
      formatter: createFormatter(),
      rateLimiter: new MemoryRateLimiter(),
      settings: cachedSettings(storage),
    };
    return {
      config,
      core,
      blobs,
      images: new SharpImageLibrary(blobs),
      secret: await ensureSecret(storage),
      close: () => storage.close(),
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}

export function webServices(site: Site): WebServices {
  return {
    core: site.core,
    blobs: site.blobs,
    baseUrl: siteUrl(site.config),
    secret: site.secret,
    language: site.config.SITE_LANGUAGE,
    trustProxy: site.config.TRUST_PROXY,
  };
}
