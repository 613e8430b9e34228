import { join } from 'node:path';
import { siteUrl } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import type { CoreDeps } from '../core/deps.ts';
import { systemClock, type Clock } from '../core/ports/clock.ts';
import type { Logger } from '../core/ports/logger.ts';
import { MemoryRateLimiter } from '../core/ports/rate-limiter.ts';
import type { WebServices } from '../http/services.ts';
import { FileBlobStore } from '../media/file-blobs.ts';
import { SharpImageLibrary } from '../media/images.ts';
import { createFormatter } from '../render/index.ts';
import { migrateToLatest, openStorage } from '../storage/index.ts';
import { consoleLogger } from './logger.ts';
import { ensureSecret } from './secret.ts';

/** The composition root: the one place that names concrete adapters. */
export interface Site {
  config: Config;
  core: CoreDeps;
  blobs: FileBlobStore;
  images: SharpImageLibrary;
  secret: string;
  log: Logger;
  close(): Promise<void>;
}

export async function openSite(config: Config, options: { clock?: Clock; log?: Logger } = {}): Promise<Site> {
  const storage = await openStorage({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrateToLatest(storage);
    const blobs = new FileBlobStore(join(config.DATA_DIR, 'media'));
    const core: CoreDeps = {
      storage,
      clock: options.clock ?? systemClock,
      formatter: createFormatter(),
      rateLimiter: new MemoryRateLimiter(),
    };
    return {
      config,
      core,
      blobs,
      images: new SharpImageLibrary(blobs),
      secret: await ensureSecret(storage),
      log: options.log ?? consoleLogger(config.LOG_LEVEL),
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
    configuredOrigin: site.config.SITE_URL === undefined ? undefined : new URL(site.config.SITE_URL).origin,
    secret: site.secret,
    language: site.config.SITE_LANGUAGE,
    trustProxy: site.config.TRUST_PROXY,
    log: site.log,
  };
}
