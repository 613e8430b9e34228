import { randomBytes } from 'node:crypto';
import type { Storage } from '../core/ports/storage.ts';

const KEY = '_secret';

/**
 * The site's signing and hashing key lives in the database, so every instance behind a balancer
 * shares it and a backup carries it. Made once, on first start; never logged.
 */
export async function ensureSecret(storage: Storage): Promise<string> {
  const existing = (await storage.settings.all())[KEY];
  if (typeof existing === 'string' && existing.length >= 32) return existing;
  await storage.settings.set(KEY, randomBytes(32).toString('base64url'));
  return (await storage.settings.all())[KEY] as string;
}
