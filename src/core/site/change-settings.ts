import type { CoreDeps } from '../deps.ts';
import { err, ok, type Result } from '../result.ts';
import { DEFAULT_SETTINGS, LANGUAGES, TYPOGRAPHY, type SiteSettings } from './settings.ts';

export type ChangeSettingsError = { type: 'invalid-settings'; problems: string[] };

/** The one setting outside SiteSettings: the site's signing key, made once by `ensureSiteSecret`. */
export const SECRET_KEY = '_secret';

/**
 * Writes the given settings and their `settings.changed` event in one transaction, after checking
 * every value; nothing is written when one is wrong. Keys whose value is already stored are left out
 * of the event, and an event is written only when something changed.
 */
export async function changeSettings(
  deps: Pick<CoreDeps, 'storage' | 'settings'>,
  changes: Partial<SiteSettings>,
): Promise<Result<{ changed: string[] }, ChangeSettingsError>> {
  const problems = Object.entries(changes).flatMap(([key, value]) => problemsOf(key, value));
  if (problems.length > 0) return err({ type: 'invalid-settings', problems });
  const changed = await write(deps, changes);
  // This process forgets its kept settings now; other instances when the event reaches them.
  if (changed.length > 0) deps.settings.invalidate();
  return ok({ changed });
}

/**
 * The site's signing and hashing key: read, or made with `make` and stored (with its event) on the
 * first start. It lives in the database so every instance behind a balancer shares it.
 */
export async function ensureSiteSecret(deps: Pick<CoreDeps, 'storage'>, make: () => string): Promise<string> {
  const existing = (await deps.storage.settings.all())[SECRET_KEY];
  if (typeof existing === 'string' && existing.length >= 32) return existing;
  await write(deps, { [SECRET_KEY]: make() });
  return (await deps.storage.settings.all())[SECRET_KEY] as string;
}

async function write(deps: Pick<CoreDeps, 'storage'>, changes: Record<string, unknown>): Promise<string[]> {
  return deps.storage.transaction(async (tx) => {
    // A key never written counts as its default: setting it to that changes nothing.
    const stored: Record<string, unknown> = { ...DEFAULT_SETTINGS, ...(await tx.settings.all()) };
    const changed = Object.keys(changes).filter(
      (key) => changes[key] !== undefined && JSON.stringify(stored[key]) !== JSON.stringify(changes[key]),
    );
    for (const key of changed) await tx.settings.set(key, changes[key]);
    if (changed.length > 0) await tx.outbox.add({ type: 'settings.changed', keys: changed });
    return changed;
  });
}

function problemsOf(key: string, value: unknown): string[] {
  if (!Object.hasOwn(DEFAULT_SETTINGS, key)) return [`${key}: not a setting`];
  const fallback = DEFAULT_SETTINGS[key as keyof SiteSettings];
  if (Array.isArray(fallback)) {
    return Array.isArray(value) && value.every((v) => typeof v === 'string')
      ? []
      : [`${key}: expected a list of words`];
  }
  if (typeof value !== typeof fallback) return [`${key}: expected a ${typeof fallback}`];
  if (typeof value === 'number' && !(Number.isInteger(value) && value >= 0)) {
    return [`${key}: expected a whole number, 0 or more`];
  }
  if (key === 'language' && !(LANGUAGES as readonly unknown[]).includes(value)) {
    return [`language: expected one of ${LANGUAGES.join(', ')}`];
  }
  if (key === 'typography' && !(TYPOGRAPHY as readonly unknown[]).includes(value)) {
    return [`typography: expected one of ${TYPOGRAPHY.join(', ')}`];
  }
  if (key === 'threadDepth' && ((value as number) < 1 || (value as number) > 10)) {
    return ['threadDepth: expected 1 to 10'];
  }
  return [];
}
