import type { Context } from 'hono';

/**
 * Every HTML page leaves through here. Shared pages may be kept by a cache (revalidated each time, so
 * a new comment shows at once); a page with anything personal in it is never stored anywhere.
 */
export function sendPage(
  c: Context,
  html: string,
  {
    status = 200,
    personal = false,
    tags,
  }: { status?: number; personal?: boolean; tags?: readonly string[] } = {},
): Response {
  c.header('Cache-Control', personal ? 'private, no-store' : 'public, no-cache');
  c.header('Vary', 'Cookie');
  if (!personal && tags) tagResponse(c, tags);
  return c.html(html, status as 200);
}

/**
 * The page's dependency tags (core/reading/page-contents.ts), for the page cache and for a CDN
 * that purges by tag: `Cache-Tag` comma-separated, `Surrogate-Key` space-separated. A response
 * without them is never kept by the page cache.
 */
export function tagResponse(c: Context, tags: readonly string[]): void {
  c.header('Cache-Tag', tags.join(','));
  c.header('Surrogate-Key', tags.join(' '));
}
