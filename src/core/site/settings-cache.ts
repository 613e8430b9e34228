import type { Storage } from '../ports/storage.ts';
import { resolveSettings, type SiteSettings } from './settings.ts';

/**
 * The site's settings as every request needs them, read from storage once and kept in the process
 * until they change. The settings write path (change-settings.ts) calls `invalidate()` after its
 * commit; another instance learns of the change from the `settings.changed` event and calls it too,
 * so wiring a signal is one line: `onSettingsChanged(() => core.settings.invalidate())`.
 */
export interface SettingsSource {
  /** The current settings: a copy the caller may change without touching anyone else's. */
  current(): Promise<SiteSettings>;
  /** Forgets the kept settings; the next `current()` reads storage again. */
  invalidate(): void;
}

/** Stored settings merged over the defaults, read now (one-shot processes and the cache use it). */
export async function readSettings(storage: Pick<Storage, 'settings'>): Promise<SiteSettings> {
  return resolveSettings(await storage.settings.all());
}

const copy = (s: SiteSettings): SiteSettings => ({ ...s, blockedWords: [...s.blockedWords] });

export function cachedSettings(storage: Pick<Storage, 'settings'>): SettingsSource {
  let kept: Promise<SiteSettings> | undefined;
  return {
    current() {
      if (!kept) {
        const reading = readSettings(storage);
        kept = reading;
        // A failed read is not kept: the next request tries storage again.
        reading.catch(() => {
          if (kept === reading) kept = undefined;
        });
      }
      return kept.then(copy);
    },
    invalidate() {
      kept = undefined;
    },
  };
}
