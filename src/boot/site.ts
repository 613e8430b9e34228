import { join } from 'node:path';
import { mailFrom, siteUrl } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import type { CoreDeps } from '../core/deps.ts';
import { systemClock, type Clock } from '../core/ports/clock.ts';
import type { Logger } from '../core/ports/logger.ts';
import type { Mailer } from '../core/ports/mailer.ts';
import type { RateLimiter } from '../core/ports/rate-limiter.ts';
import { staleTags } from '../core/events/stale.ts';
import { cachedSettings } from '../core/site/settings-cache.ts';
import { PageCache } from '../http/cache/page-cache.ts';
import type { WebServices } from '../http/services.ts';
import { SignalHub, inProcessTransport, type SignalTransport } from '../jobs/signals/hub.ts';
import { postgresTransport } from '../jobs/signals/postgres.ts';
import { fileMailer } from '../mail/files.ts';
import { smtpMailer } from '../mail/smtp.ts';
import { FileBlobStore } from '../media/file-blobs.ts';
import { SharpImageLibrary } from '../media/images.ts';
import { createFormatter } from '../render/index.ts';
import { migrateToLatest, openStorage, type SqlStorage } from '../storage/index.ts';
import { sqlRateLimiter } from '../storage/rate-limits/sql.ts';
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
  /** SMTP when SMTP_URL is set, otherwise .eml files under DATA_DIR/mail/. */
  mailer: Mailer;
  /** Events told to every instance; started by `serve` (one-off commands never listen). */
  signals: SignalHub;
  /** Rendered pages for anonymous readers (PAGE_CACHE), forgotten as the signals say. */
  pageCache: PageCache | undefined;
  close(): Promise<void>;
}

/** Where mail goes without SMTP_URL. */
export const mailFolder = (config: Config) => join(config.DATA_DIR, 'mail');

/** Uploaded and imported media, with their variants. */
export const mediaFolder = (config: Config) => join(config.DATA_DIR, 'media');

export function createMailer(config: Config): Mailer {
  return config.SMTP_URL
    ? smtpMailer(config.SMTP_URL, mailFrom(config))
    : fileMailer(mailFolder(config), mailFrom(config));
}

/** Redis when REDIS_URL is set; else PostgreSQL's LISTEN/NOTIFY; else (SQLite) within the process. */
async function createSignals(config: Config, storage: SqlStorage): Promise<SignalHub> {
  let transport: SignalTransport;
  if (config.REDIS_URL) {
    // Loaded only when configured: every command opens the site, few sites use Redis.
    const { redisTransport } = await import('../jobs/signals/redis.ts');
    transport = redisTransport(config.REDIS_URL, `samizdat:${siteUrl(config)}:events`);
  } else if (storage.dialect === 'postgres' && config.DATABASE_URL) {
    transport = postgresTransport(config.DATABASE_URL, (channel, message) =>
      storage.notify(channel, message),
    );
  } else {
    // Other processes on the same SQLite file (a worker beside the web server, a command) are
    // heard of by reading the outbox every second: a query on its primary key.
    return new SignalHub(storage.outbox, inProcessTransport(), { catchUpMs: 1000, overlap: 0 });
  }
  return new SignalHub(storage.outbox, transport);
}

/**
 * Rate limits every instance shares (docs/adr/0017): in Redis when REDIS_URL is set, else in the
 * database. Never in process memory: behind a balancer each instance would allow the limit again.
 */
async function createRateLimiter(
  config: Config,
  storage: SqlStorage,
): Promise<{ limiter: RateLimiter; close(): Promise<void> }> {
  if (config.REDIS_URL) {
    const { redisRateLimiter } = await import('../storage/rate-limits/redis.ts');
    const limiter = redisRateLimiter(config.REDIS_URL, `samizdat:${siteUrl(config)}:rate`);
    return { limiter, close: () => limiter.close() };
  }
  return { limiter: sqlRateLimiter(storage), close: async () => {} };
}

/**
 * The page cache, told by the signals of every event that reaches this instance (its own writes and
 * every other instance's) and forgetting what the core says each made stale.
 */
function createPageCache(
  config: Config,
  core: CoreDeps,
  signals: SignalHub,
  log: Logger,
): PageCache | undefined {
  if (!config.PAGE_CACHE) return undefined;
  const cache = new PageCache({
    maxBytes: config.PAGE_CACHE_MB * 1024 * 1024,
    sharedMaxAgeSeconds: config.PAGE_CACHE_SHARED_SECONDS,
  });
  signals.subscribe((event) => {
    staleTags(core, event).then(
      (tags) => cache.invalidate(tags),
      (error: unknown) => {
        // Without knowing what changed, forgetting everything is the only safe answer.
        cache.invalidate(['site']);
        log.error('page cache: could not resolve an event; forgot every page', {
          event: event.type,
          error: error instanceof Error ? error.message : String(error),
        });
      },
    );
  });
  return cache;
}

export async function openSite(config: Config, options: { clock?: Clock; log?: Logger } = {}): Promise<Site> {
  const storage = await openStorage({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrateToLatest(storage);
    const blobs = new FileBlobStore(mediaFolder(config));
    const rateLimits = await createRateLimiter(config, storage);
    const core: CoreDeps = {
      storage,
      clock: options.clock ?? systemClock,
      formatter: createFormatter(),
      rateLimiter: rateLimits.limiter,
      settings: cachedSettings(storage),
    };
    const mailer = createMailer(config);
    const signals = await createSignals(config, storage);
    // Another instance (or a command) changed the settings: forget the kept copy.
    signals.subscribe((event) => {
      if (event.type === 'settings.changed') core.settings.invalidate();
    });
    const log = options.log ?? consoleLogger(config.LOG_LEVEL);
    const pageCache = createPageCache(config, core, signals, log);
    return {
      config,
      core,
      blobs,
      images: new SharpImageLibrary(blobs),
      secret: await ensureSecret(storage),
      log,
      mailer,
      signals,
      pageCache,
      async close() {
        await signals.close();
        await rateLimits.close();
        await mailer.close();
        await storage.close();
      },
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
    pageCache: site.pageCache,
  };
}
