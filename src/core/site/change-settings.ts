import type { CoreDeps } from '../deps.ts';
import type { SiteSettings } from './settings.ts';

/**
 * The one way settings change: written with their `settings.changed` event in one transaction, then
 * this process's cache forgotten (other instances forget theirs when the event reaches them).
 */
export async function changeSettings(
  deps: Pick<CoreDeps, 'storage' | 'settings'>,
  changes: Partial<SiteSettings>,
): Promise<void> {
  const keys = Object.keys(changes) as (keyof SiteSettings)[];
  if (keys.length === 0) return;
  await deps.storage.transaction(async (tx) => {
    for (const key of keys) await tx.settings.set(key, changes[key]);
    await tx.outbox.add('settings.changed', { keys });
  });
  deps.settings.invalidate();
}
