import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';

/**
 * Pages load nothing from elsewhere and run no inline script, so the policy can say exactly that;
 * a comment that slipped past the sanitizer still could not run.
 */
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('Content-Security-Policy', POLICY);
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
  c.res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  c.res.headers.set('X-Frame-Options', 'DENY');
  c.res.headers.set('Permissions-Policy', 'interest-cohort=(), browsing-topics=()');
};

/**
 * State-changing requests must come from the site's own pages: the browser's Sec-Fetch-Site must say
 * same-origin or, where it is missing, Origin must be SITE_URL's origin. Without SITE_URL the site
 * does not know its public address, and the address the request was made to stands in for it.
 * Session cookies are SameSite=Lax besides.
 */
export function sameOrigin(
  configuredOrigin: string | undefined,
  options: { oneClickPath?: string } = {},
): MiddlewareHandler {
  const check = csrf({
    origin: (origin, c) => origin === (configuredOrigin ?? new URL(c.req.url).origin),
    secFetchSite: (value) => value === 'same-origin',
  });
  // RFC 8058 one-click unsubscribe: the mail provider POSTs from its own servers with no Origin and
  // no cookie. Exactly that route goes through; it acts only on the signed token in its URL.
  return (c, next) =>
    c.req.method === 'POST' && options.oneClickPath !== undefined && c.req.path === options.oneClickPath
      ? next()
      : check(c, next);
}
