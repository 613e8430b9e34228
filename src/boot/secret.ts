import { randomBytes } from 'node:crypto';
import { ensureSiteSecret } from '../core/site/change-settings.ts';
import type { Storage } from '../core/ports/storage.ts';

/** The site's signing and hashing key, made from 32 random bytes on first start; never logged. */
export function ensureSecret(storage: Storage): Promise<string> {
  return ensureSiteSecret({ storage }, () => randomBytes(32).toString('base64url'));
}
