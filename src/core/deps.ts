import type { Clock } from './ports/clock.ts';
import type { Formatter } from './ports/formatter.ts';
import type { RateLimiter } from './ports/rate-limiter.ts';
import type { Storage } from './ports/storage.ts';
import type { SettingsSource } from './site/settings-cache.ts';
import type { SiteSettings } from './site/settings.ts';

/** What the use cases need from the outside world, wired once in boot/. */
export interface CoreDeps {
  storage: Storage;
  clock: Clock;
  formatter: Formatter;
  rateLimiter: RateLimiter;
  /** The site's settings, kept in the process and forgotten when they change. */
  settings: SettingsSource;
}

export function loadSettings(deps: Pick<CoreDeps, 'settings'>): Promise<SiteSettings> {
  return deps.settings.current();
}
