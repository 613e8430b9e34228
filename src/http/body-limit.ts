import type { Context, MiddlewareHandler } from 'hono';

export interface BodyLimit {
  /** The most bytes of body a request may carry. */
  maxBytes: number;
  /** The answer to a longer body; `start` is its first `maxBytes` bytes, the rest was never read. */
  tooLarge(c: Context, start: Uint8Array): Response | Promise<Response>;
}

/** Anything that is not a form with its own limit: the site takes no uploads from strangers yet. */
export const DEFAULT_BODY_LIMIT: BodyLimit = {
  maxBytes: 64 * 1024,
  tooLarge: (c) => c.text('The request is too large.', 413),
};

function joined(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Reads each request's body while it arrives and stops at the limit, whatever Content-Length or
 * chunked encoding claims: a stranger's 600 MB costs at most the limit in memory. (Hono's bodyLimit
 * does the same counting but drops what it read; a refused comment form needs its start back.)
 * The refusal closes the connection, so the rest of the body is not read either.
 */
export function limitBody(limitFor: (c: Context) => BodyLimit | Promise<BodyLimit>): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const limit = await limitFor(c);
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.length > limit.maxBytes) {
        chunks.push(value.subarray(0, limit.maxBytes - size));
        const res = await limit.tooLarge(c, joined(chunks, limit.maxBytes));
        res.headers.set('Connection', 'close');
        return res;
      }
      chunks.push(value);
      size += value.length;
    }
    c.req.raw = new Request(c.req.raw, { body: joined(chunks, size) });
    return next();
  };
}
