import type { Clock } from './ports/clock.ts';
import type { Formatter } from './ports/formatter.ts';
import type { RateLimiter } from './ports/rate-limiter.ts';
import type { Storage } from './ports/storage.ts';
import { resolveSettings, type SiteSettings } from './site/settings.ts';

/** What the use cases need from the outside world, wired once in boot/. */
export interface CoreDeps {
  storage: Storage;
  clock: Clock;
  formatter: Formatter;
  rateLimiter: RateLimiter;
}

export async function loadSettings(deps: Pick<CoreDeps, 'storage'>): Promise<SiteSettings> {
  return resolveSettings(await deps.storage.settings.all());
}
