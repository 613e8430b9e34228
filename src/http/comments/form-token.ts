import { sign, verify } from '../../security/signing.ts';

/**
 * The comment form carries the time it was served, signed. A reply posted back within seconds came
 * from a bot; a token older than a week is stale. It names no reader, so a cached page may carry it.
 */
const PURPOSE = 'comment-form';
const MAX_AGE_SECONDS = 7 * 24 * 3600;

export function issueFormToken(secret: string, postId: number, now: Date): string {
  return sign(secret, PURPOSE, `${postId}.${Math.floor(now.getTime() / 1000)}`);
}

export type TokenCheck = 'ok' | 'too-fast' | 'expired';

export function checkFormToken(
  secret: string,
  token: string,
  postId: number,
  now: Date,
  minFillSeconds: number,
): TokenCheck {
  const payload = verify(secret, PURPOSE, token);
  const [id, issued] = (payload ?? '').split('.').map(Number);
  if (!payload || id !== postId || !Number.isFinite(issued)) return 'expired';
  const age = now.getTime() / 1000 - issued!;
  if (age < minFillSeconds) return 'too-fast';
  if (age > MAX_AGE_SECONDS) return 'expired';
  return 'ok';
}
