import type { Context } from 'hono';
import type { Logger } from '../core/ports/logger.ts';

/** A file path of two or more segments (`/srv/data/media/x.jpg`, `C:\data\x`). */
const FILE_PATH = /(?:[A-Za-z]:)?(?:[\\/][^\s'"`<>()[\]{},;\\/]+){2,}[\\/]?/g;
/** The user and password of a URL (`postgres://user:secret@host`). */
const CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi;

/** An error's message with what must never reach a log removed: paths on disk, credentials. */
export function redact(message: string): string {
  return message.replace(CREDENTIALS, '$1[credentials]@').replace(FILE_PATH, '[path]');
}

/** A short, bounded name for a kind of error: its class, and the driver's or system's code if any. */
function kindOf(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? `${error.name}/${code}` : error.name;
}

/**
 * An error nobody expected: one line for the operator, with the request id the reader also gets, and
 * a plain page for the reader. The stack is written only at `LOG_LEVEL=debug`.
 */
export function unexpectedError(log: Logger, c: Context, error: Error): Response {
  const id = String(c.get('requestId' as never) ?? '');
  const error_ = kindOf(error);
  log.error('unexpected error', {
    id,
    method: c.req.method,
    path: new URL(c.req.url).pathname,
    route: c.req.routePath,
    error: error_,
    message: redact(error.message),
  });
  if (log.enabled('debug')) log.debug('stack', { id, error: error_, stack: error.stack ?? '' });
  return c.text(`Something went wrong on our side. Please try again in a moment. (Reference: ${id})`, 500);
}
