import type { Context, MiddlewareHandler } from 'hono';

/** A base no real request has: a relative Location resolved against it must stay on it. */
const PROBE = 'http://samizdat.invalid';

/**
 * True when a browser following `location` stays on this site: a path starting with exactly one
 * `/` (so not `//host`, `/\host`, or `/<tab>/host`, which browsers read as another host), or an
 * absolute URL on `siteOrigin`. The browser's own URL parser decides, so its quirks are ours.
 */
export function isOwnLocation(location: string, siteOrigin: string): boolean {
  try {
    if (/^[a-z][a-z0-9+.-]*:/i.test(location)) return new URL(location).origin === siteOrigin;
    return location.startsWith('/') && new URL(location, PROBE).origin === PROBE;
  } catch {
    return false;
  }
}

/**
 * The last word on every redirect the app sends: one leading elsewhere is replaced by `refuse`
 * (the site's 404), whatever route or future code produced it.
 */
export function ownRedirectsOnly(
  siteOrigin: string,
  refuse: (c: Context) => Promise<Response>,
): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const location = c.res.headers.get('location');
    if (location === null || isOwnLocation(location, siteOrigin)) return;
    // Hono carries the old response's headers over to a new one: drop the Location first.
    c.res.headers.delete('location');
    c.res = await refuse(c);
  };
}
