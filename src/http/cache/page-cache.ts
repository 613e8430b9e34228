import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { OWN_HEADERS, cacheKey, chooseEncoding, matches, tagsOf, unstorable } from './policy.ts';
import { PageStore, type CachedPage, type Encoding } from './store.ts';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

export interface PageCacheOptions {
  /** Bytes of pages kept in all (bodies in every encoding). */
  maxBytes: number;
  /** Seconds a CDN or reverse proxy may keep a page (`s-maxage`; also `stale-while-revalidate`). */
  sharedMaxAgeSeconds: number;
  /** A page is rendered again after this long even if nothing changed (default a day). */
  maxAgeMs?: number;
  now?: () => number;
}

/** Smaller bodies go as they are: compressing them saves less than a packet. */
const COMPRESS_FROM_BYTES = 1024;

interface Prepared {
  headers: Record<Encoding, OutgoingHttpHeaders>;
  notModified: Record<Encoding, OutgoingHttpHeaders>;
}

/**
 * The page cache for anonymous readers (docs/adr/0016): an outermost middleware that answers a
 * request from memory when it can and keeps what the application rendered when it may, and a
 * front for node:http that answers hits before Hono sees the request. Which pages an event makes
 * stale is the core's decision (`staleTags`); this forgets what it is told.
 */
export class PageCache {
  readonly store: PageStore;
  readonly #prepared = new WeakMap<CachedPage, Prepared>();
  readonly #flights = new Map<string, Promise<CachedPage | undefined>>();
  readonly #cacheControl: string;
  readonly #encodings = new Map<string, Encoding>();
  readonly #now: () => number;
  /** Pages rendered for the cache (misses that reached the application). */
  renders = 0;

  constructor(options: PageCacheOptions) {
    this.#now = options.now ?? Date.now;
    this.store = new PageStore({
      maxBytes: options.maxBytes,
      maxAgeMs: options.maxAgeMs ?? 24 * 3600 * 1000,
      now: this.#now,
    });
    const shared = options.sharedMaxAgeSeconds;
    // Browsers ask again every time (a 304 when nothing changed); a shared cache may keep it a while.
    this.#cacheControl = `public, max-age=0, s-maxage=${shared}, stale-while-revalidate=${shared}`;
  }

  invalidate(tags: Iterable<string>): void {
    const list = [...tags];
    if (list.includes('site')) this.store.clear();
    else this.store.invalidate(list);
  }

  /** The Hono middleware: put it first, so what it keeps carries every header the app adds. */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const url = new URL(c.req.url);
      const key = cacheKey({
        method: c.req.method,
        url: url.pathname + url.search,
        cookie: c.req.header('cookie'),
        authorization: c.req.header('authorization'),
      });
      if (key === undefined) return next();
      const answer = (page: CachedPage) =>
        this.#answer(
          page,
          c.req.header('accept-encoding'),
          c.req.header('if-none-match'),
          c.req.method === 'HEAD',
        );
      const kept = this.store.get(key);
      if (kept) return answer(kept);
      if (c.req.method === 'HEAD') return next();

      const flight = this.#flights.get(key);
      if (flight) {
        const page = await flight;
        if (page) return answer(page);
        return next();
      }
      let settle!: (page: CachedPage | undefined) => void;
      this.#flights.set(key, new Promise((resolve) => (settle = resolve)));
      const render = this.store.begin();
      let page: CachedPage | undefined;
      try {
        await next();
        this.renders++;
        if (unstorable(c.res.status, c.res.headers) === undefined) {
          const requestId = c.res.headers.get('x-request-id');
          page = await this.#capture(key, c.res);
          const response = answer(page);
          // The one request that rendered keeps its id (a hit has none: nothing ran to log).
          if (requestId) response.headers.set('x-request-id', requestId);
          // Forget the rendered response first, or Hono would copy its headers onto this one.
          c.res = undefined as unknown as Response;
          c.res = response;
        }
      } finally {
        this.store.finish(render, page);
        this.#flights.delete(key);
        settle(page);
      }
    };
  }

  /**
   * Answers a hit straight from node:http, before Hono: true when it did. A miss (or a request the
   * cache must not answer) returns false and goes to the application.
   */
  serveNode(request: IncomingMessage, response: ServerResponse): boolean {
    const key = cacheKey({
      method: request.method ?? '',
      url: request.url ?? '',
      cookie: request.headers.cookie,
      authorization: request.headers.authorization,
    });
    const page = key === undefined ? undefined : this.store.get(key);
    if (!page) return false;
    const prepared = this.#prepare(page);
    const encoding = this.#encoding(request.headers['accept-encoding'], page);
    if (matches(request.headers['if-none-match'], page.etags[encoding]!)) {
      response.writeHead(304, prepared.notModified[encoding]).end();
    } else {
      response.writeHead(200, prepared.headers[encoding]);
      response.end(request.method === 'HEAD' ? undefined : page.bodies[encoding]);
    }
    return true;
  }

  /** The encoding for this Accept-Encoding, remembered: browsers send a handful of distinct values. */
  #encoding(acceptEncoding: string | undefined, page: CachedPage): Encoding {
    // Pages under the compression threshold keep no compressed bodies: those are chosen afresh.
    if (!page.bodies.br || !page.bodies.gzip) return chooseEncoding(acceptEncoding, page.bodies);
    const header = acceptEncoding ?? '';
    let encoding = this.#encodings.get(header);
    if (encoding === undefined) {
      encoding = chooseEncoding(acceptEncoding, page.bodies);
      if (this.#encodings.size >= 64) this.#encodings.clear();
      this.#encodings.set(header, encoding);
    }
    return encoding;
  }

  #answer(
    page: CachedPage,
    acceptEncoding: string | undefined,
    ifNoneMatch: string | undefined,
    head: boolean,
  ): Response {
    const prepared = this.#prepare(page);
    const encoding = this.#encoding(acceptEncoding, page);
    if (matches(ifNoneMatch, page.etags[encoding]!)) {
      return new Response(null, { status: 304, headers: toHeaders(prepared.notModified[encoding]) });
    }
    const body = head ? null : new Uint8Array(page.bodies[encoding]!);
    return new Response(body, { status: 200, headers: toHeaders(prepared.headers[encoding]) });
  }

  async #capture(key: string, response: Response): Promise<CachedPage> {
    const identity = Buffer.from(await response.arrayBuffer());
    const compress = identity.length >= COMPRESS_FROM_BYTES;
    const [br, gz] = compress
      ? await Promise.all([
          brotli(identity, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 9,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
            },
          }),
          gzipped(identity, { level: 9 }),
        ])
      : [undefined, undefined];
    const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 27);
    const headers: [string, string][] = [];
    response.headers.forEach((value, name) => {
      if (!OWN_HEADERS.has(name)) headers.push([name, value]);
    });
    return {
      key,
      headers,
      tags: tagsOf(response.headers),
      bodies: { identity, ...(br ? { br } : {}), ...(gz ? { gzip: gz } : {}) },
      etags: {
        identity: `"${hash}"`,
        ...(br ? { br: `"${hash}-br"` } : {}),
        ...(gz ? { gzip: `"${hash}-gz"` } : {}),
      },
      storedAt: this.#now(),
    };
  }

  /** The headers of each answer a page can give, made once per page. */
  #prepare(page: CachedPage): Prepared {
    let prepared = this.#prepared.get(page);
    if (prepared) return prepared;
    const shared = {
      vary: 'Accept-Encoding, Cookie',
      'cache-control': this.#cacheControl,
      'cache-tag': page.tags.join(','),
      'surrogate-key': page.tags.join(' '),
    };
    const each = (build: (encoding: Encoding) => OutgoingHttpHeaders) =>
      Object.fromEntries((['identity', 'br', 'gzip'] as const).map((e) => [e, build(e)])) as Record<
        Encoding,
        OutgoingHttpHeaders
      >;
    prepared = {
      headers: each((encoding) => ({
        ...Object.fromEntries(page.headers),
        ...shared,
        etag: page.etags[encoding],
        'content-length': String(page.bodies[encoding]?.length ?? 0),
        ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
      })),
      notModified: each((encoding) => ({ ...shared, etag: page.etags[encoding] })),
    };
    this.#prepared.set(page, prepared);
    return prepared;
  }
}

function toHeaders(headers: OutgoingHttpHeaders): Headers {
  const out = new Headers();
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out.set(name, String(value));
  return out;
}
