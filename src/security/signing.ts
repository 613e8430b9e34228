import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Keyed hashes and signatures with the site secret, each under its own purpose so a value signed
 * for one use (a form token) can never be replayed as another (a cookie).
 */
export function keyedHash(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}\0${value}`).digest('base64url');
}

export function sign(secret: string, purpose: string, payload: string): string {
  return `${payload}.${keyedHash(secret, purpose, payload).slice(0, 32)}`;
}

/** The payload of a value made by `sign`, or undefined when it was not signed with this secret. */
export function verify(secret: string, purpose: string, signed: string): string | undefined {
  const dot = signed.lastIndexOf('.');
  if (dot < 0) return undefined;
  const payload = signed.slice(0, dot);
  const expected = Buffer.from(keyedHash(secret, purpose, payload).slice(0, 32));
  const given = Buffer.from(signed.slice(dot + 1));
  return given.length === expected.length && timingSafeEqual(given, expected) ? payload : undefined;
}
