import type { Encoding } from './store.ts';

/**
 * Which requests and responses the page cache may touch. Nothing personal is ever stored or served
 * from it: a request carrying state of its own goes to the application, and a response that is
 * marked personal, sets a cookie or records no dependency tags is never kept.
 */

/** Cookies this site sets (a guest's own held comments, unlocked posts, a reader's session). */
const OUR_COOKIE = /(?:^|;)\s*samizdat/i;

export interface RequestFacts {
  method: string;
  /** The path and query as sent (`/welcome/`, `/?s=word`). */
  url: string;
  cookie?: string;
  authorization?: string;
}

/**
 * The cache key of a request the cache may answer, or undefined when the request must go to the
 * application: not a read, a query string (search, reply forms, old WordPress addresses: some are
 * personal, all are unbounded), a cookie of ours or credentials.
 */
export function cacheKey(request: RequestFacts): string | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  if (request.url.includes('?') || !request.url.startsWith('/')) return undefined;
  if (request.authorization !== undefined) return undefined;
  if (request.cookie !== undefined && OUR_COOKIE.test(request.cookie)) return undefined;
  return request.url;
}

/** Headers the cache sets itself, or that belong to one answer only; never stored with a page. */
export const OWN_HEADERS = new Set([
  'cache-control',
  'cache-tag',
  'surrogate-key',
  'content-encoding',
  'content-length',
  'date',
  'etag',
  'set-cookie',
  'transfer-encoding',
  'vary',
  'x-request-id',
]);

/** Why a response cannot be kept, or undefined when it can (its tags are in `Cache-Tag`). */
export function unstorable(status: number, headers: Headers): string | undefined {
  if (status !== 200) return `status ${status}`;
  if (headers.has('set-cookie')) return 'sets a cookie';
  if (headers.has('content-encoding')) return 'already encoded';
  const control = headers.get('cache-control') ?? '';
  if (/\b(private|no-store)\b/i.test(control)) return 'personal';
  if (!headers.get('cache-tag')) return 'no dependency tags';
  return undefined;
}

/** The page's dependency tags as the application sent them (`Cache-Tag: post:12,home,site`). */
export function tagsOf(headers: Headers): string[] {
  return (headers.get('cache-tag') ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/**
 * The encoding to send from those kept, by the reader's `Accept-Encoding` (RFC 9110 §12.5.3):
 * brotli, then gzip, when acceptable (q > 0); otherwise the bytes as they are.
 */
export function chooseEncoding(
  acceptEncoding: string | undefined,
  kept: Partial<Record<Encoding, unknown>>,
): Encoding {
  if (!acceptEncoding) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    accepted.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  const wants = (coding: string) =>
    (accepted.get(coding) ?? (coding === 'identity' ? 0 : (accepted.get('*') ?? 0))) > 0;
  if (kept.br && wants('br')) return 'br';
  if (kept.gzip && (wants('gzip') || (accepted.get('x-gzip') ?? 0) > 0)) return 'gzip';
  return 'identity';
}

/** If-None-Match against the tag of what would be sent (weak comparison, as RFC 9110 §13.1.2 says). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
