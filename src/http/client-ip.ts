import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The reader's address, used only to key the rate limit and the stored hash, never kept itself. */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'unknown';
  }
}
