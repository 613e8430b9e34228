import type { Context } from 'hono';

/**
 * Every HTML page leaves through here. Shared pages may be kept by a cache (revalidated each time, so
 * a new comment shows at once); a page with anything personal in it is never stored anywhere.
 */
export function sendPage(
  c: Context,
  html: string,
  { status = 200, personal = false }: { status?: number; personal?: boolean } = {},
): Response {
  c.header('Cache-Control', personal ? 'private, no-store' : 'public, no-cache');
  c.header('Vary', 'Cookie');
  return c.html(html, status as 200);
}
