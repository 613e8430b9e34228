import type { CoreDeps } from '../core/deps.ts';
import { loadSettings } from '../core/deps.ts';
import type { BlobStore } from '../core/ports/blobs.ts';
import type { Logger } from '../core/ports/logger.ts';
import type { Language, SiteSettings } from '../core/site/settings.ts';
import type { SiteView } from '../render/views.ts';
import type { PageCache } from './cache/page-cache.ts';

/** Everything the web app is built from; boot/ assembles it. */
export interface WebServices {
  core: CoreDeps;
  blobs: BlobStore;
  /** Public base URL without a trailing slash. */
  baseUrl: string;
  /** SITE_URL's origin when it is set: then the only origin forms may be posted from. */
  configuredOrigin?: string;
  /** The site's secret, for signing tokens and cookies and for hashing readers' IPs. */
  secret: string;
  /** SITE_LANGUAGE from the environment wins over the stored setting. */
  language?: Language;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  log: Logger;
  /** Rendered pages kept for anonymous readers; absent when PAGE_CACHE is off. */
  pageCache?: PageCache;
}

export async function siteView(services: WebServices): Promise<SiteView> {
  const settings: SiteSettings = await loadSettings(services.core);
  if (services.language) settings.language = services.language;
  return { settings, baseUrl: services.baseUrl };
}
