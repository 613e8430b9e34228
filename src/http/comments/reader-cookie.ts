import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { sign, verify } from '../../security/signing.ts';

/**
 * Which held comments this browser wrote, so it alone sees them "awaiting moderation". Signed so a
 * reader cannot read others' held comments by editing the cookie; holds ids only, nothing personal.
 */
const NAME = 'samizdat_own';
const PURPOSE = 'own-comments';
const KEEP = 20;

export function ownCommentIds(c: Context, secret: string): number[] {
  const raw = getCookie(c, NAME);
  if (!raw) return [];
  const payload = verify(secret, PURPOSE, raw);
  if (!payload) return [];
  return payload
    .split('-')
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0);
}

export function rememberOwnComment(c: Context, secret: string, id: number): void {
  const ids = [id, ...ownCommentIds(c, secret).filter((x) => x !== id)].slice(0, KEEP);
  setCookie(c, NAME, sign(secret, PURPOSE, ids.join('-')), {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: 30 * 24 * 3600,
  });
}
