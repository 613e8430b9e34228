import type { Context, MiddlewareHandler } from 'hono';
import { parseSegment } from '../core/input.ts';

/**
 * True when every segment of a request's path (as sent, percent-encoded) could name something on
 * the site: it decodes, passes the input gate (no NUL or control characters, well-formed, not too
 * long) and holds no slash or backslash of its own; and no segment but the last is empty, so
 * `//evil.example/phish` names nothing here rather than somewhere else.
 */
export function isSitePath(pathname: string): boolean {
  const segments = pathname.split('/');
  if (segments[0] !== '') return false;
  return segments.slice(1).every((raw, i, rest) => {
    if (raw === '') return i === rest.length - 1;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return false;
    }
    return parseSegment(segment) !== undefined && !/[\\/]/.test(segment);
  });
}

/** Paths that cannot name a page get the site's 404 before any route (or storage) sees them. */
export function pathGate(refuse: (c: Context) => Promise<Response>): MiddlewareHandler {
  return async (c, next) => (isSitePath(new URL(c.req.url).pathname) ? next() : refuse(c));
}
