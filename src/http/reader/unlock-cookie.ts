import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Post } from '../../core/posts/post.ts';
import { passwordToCheck } from '../../core/posts/unlock.ts';
import { keyedHash, sign, verify } from '../../security/signing.ts';
import type { WebServices } from '../services.ts';

/**
 * The posts this browser unlocked, each bound to the password it was unlocked with: changing the
 * password locks every reader out again. Signed, so it cannot be made by hand; it holds ids and
 * keyed hashes only, never a password. A page shown through it is personal (private, no-store).
 */
const NAME = 'samizdat_unlocked';
const PURPOSE = 'unlocked-posts';
const KEEP = 20;
/** As WordPress: an unlock lasts ten days. */
const DAYS = 10;

/** Which stored password an unlock was for: a keyed hash, so the cookie cannot reveal it. */
function fingerprint(secret: string, postId: number, password: string): string {
  return keyedHash(secret, 'post-password', `${postId}\0${password}`).slice(0, 22);
}

function unlockedEntries(c: Context, secret: string): Map<number, string> {
  const raw = getCookie(c, NAME);
  const payload = raw ? verify(secret, PURPOSE, raw) : undefined;
  const entries = new Map<number, string>();
  for (const entry of payload?.split(',') ?? []) {
    const [id, print] = entry.split(':');
    const n = Number(id);
    if (Number.isSafeInteger(n) && n > 0 && print) entries.set(n, print);
  }
  return entries;
}

/** Whether this reader unlocked this post with its current password. A post not protected is open. */
export async function isUnlocked(
  c: Context,
  services: WebServices,
  post: Pick<Post, 'id' | 'protected'>,
): Promise<boolean> {
  if (!post.protected) return true;
  const print = unlockedEntries(c, services.secret).get(post.id);
  if (print === undefined) return false;
  const password = await passwordToCheck(services.core, post);
  return password !== '' && print === fingerprint(services.secret, post.id, password);
}

export function rememberUnlocked(c: Context, secret: string, postId: number, password: string): void {
  const entries = unlockedEntries(c, secret);
  entries.delete(postId);
  const kept = [[postId, fingerprint(secret, postId, password)] as const, ...entries].slice(0, KEEP);
  setCookie(c, NAME, sign(secret, PURPOSE, kept.map(([id, print]) => `${id}:${print}`).join(',')), {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: DAYS * 24 * 3600,
  });
}
