/**
 * The page cache's memory: rendered pages for anonymous readers, each with its bodies already
 * compressed, bounded by bytes (the least recently used page leaves first) and indexed by the
 * dependency tags the page recorded when it was rendered, so an event forgets exactly the pages it
 * changed. No I/O: what goes in and when it is forgotten is decided by the callers.
 */

export type Encoding = 'br' | 'gzip' | 'identity';

export interface CachedPage {
  /** The request path it answers (no query: a request with one is never cached). */
  key: string;
  /** Response headers to send again (content type, security headers, Last-Modified…). */
  headers: ReadonlyArray<readonly [string, string]>;
  /** The page's dependency tags (`post:12`, `home`, `site`…). */
  tags: readonly string[];
  /** The bytes for each encoding kept; `identity` always. */
  bodies: Readonly<Partial<Record<Encoding, Buffer>>> & { readonly identity: Buffer };
  /** A strong entity tag per encoding (a compressed body is a different representation). */
  etags: Readonly<Partial<Record<Encoding, string>>> & { readonly identity: string };
  /** When it was stored (ms since the epoch): a page is kept at most `maxAgeMs`. */
  storedAt: number;
}

export interface PageStoreOptions {
  /** Bytes of bodies kept in all; 0 keeps nothing. */
  maxBytes: number;
  /** A page older than this is rendered again (its comment form's token must not grow stale). */
  maxAgeMs: number;
  now?: () => number;
}

export interface PageStoreStats {
  pages: number;
  bytes: number;
  hits: number;
  misses: number;
  stored: number;
  evicted: number;
  invalidated: number;
}

/** Each invalidation is numbered; a render records the number it started at (see `begin`). */
type Ticket = number;

/** Tags remembered for renders in flight; past this many, a store after any invalidation is refused. */
const MAX_REMEMBERED_TAGS = 10_000;

export class PageStore {
  readonly #pages = new Map<string, CachedPage>();
  readonly #byTag = new Map<string, Set<string>>();
  readonly #options: Required<PageStoreOptions>;
  #bytes = 0;
  #newest: string | undefined;
  #stats = { hits: 0, misses: 0, stored: 0, evicted: 0, invalidated: 0 };
  /** The number of the last invalidation, and when each tag was last invalidated. */
  #seq = 0;
  readonly #tagSeq = new Map<string, number>();
  /** Invalidations up to this number are known for no tag in particular (everything, or forgotten). */
  #floor = 0;
  readonly #inFlight = new Set<{ ticket: Ticket }>();

  constructor(options: PageStoreOptions) {
    this.#options = { now: Date.now, ...options };
  }

  get stats(): PageStoreStats {
    return { pages: this.#pages.size, bytes: this.#bytes, ...this.#stats };
  }

  /** The page for `key`, if kept and young enough; it becomes the most recently used. */
  get(key: string): CachedPage | undefined {
    const page = this.#pages.get(key);
    if (!page) {
      this.#stats.misses++;
      return undefined;
    }
    if (this.#options.now() - page.storedAt > this.#options.maxAgeMs) {
      this.#remove(page);
      this.#stats.misses++;
      return undefined;
    }
    // The same page asked for again and again (a post in the news) is already the most recent.
    if (this.#newest !== key) {
      this.#pages.delete(key);
      this.#pages.set(key, page);
      this.#newest = key;
    }
    this.#stats.hits++;
    return page;
  }

  /**
   * Marks the start of a render. The page it makes may only be stored if none of its tags was
   * invalidated meanwhile: it may have read the data before the change that invalidated them.
   */
  begin(): { ticket: Ticket } {
    const render = { ticket: this.#seq };
    this.#inFlight.add(render);
    return render;
  }

  /** Ends a render begun with `begin`; stores its page unless something it shows changed since. */
  finish(render: { ticket: Ticket }, page: CachedPage | undefined): boolean {
    this.#inFlight.delete(render);
    const fresh = page !== undefined && !this.#changedSince(render.ticket, page.tags);
    if (fresh) this.#put(page);
    if (this.#inFlight.size === 0) {
      this.#tagSeq.clear();
      this.#floor = this.#seq;
    }
    return fresh;
  }

  /** Forgets every page recording one of `tags` (`site` is on every page: it forgets them all). */
  invalidate(tags: Iterable<string>): number {
    let removed = 0;
    for (const tag of tags) {
      this.#seq++;
      if (this.#inFlight.size > 0) this.#remember(tag);
      for (const key of [...(this.#byTag.get(tag) ?? [])]) {
        const page = this.#pages.get(key);
        if (page) {
          this.#remove(page);
          removed++;
        }
      }
    }
    this.#stats.invalidated += removed;
    return removed;
  }

  clear(): void {
    this.#seq++;
    this.#floor = this.#seq;
    this.#tagSeq.clear();
    this.#stats.invalidated += this.#pages.size;
    this.#pages.clear();
    this.#byTag.clear();
    this.#bytes = 0;
  }

  #remember(tag: string): void {
    if (this.#tagSeq.size >= MAX_REMEMBERED_TAGS) {
      this.#tagSeq.clear();
      this.#floor = this.#seq;
      return;
    }
    this.#tagSeq.set(tag, this.#seq);
  }

  #changedSince(ticket: Ticket, tags: readonly string[]): boolean {
    if (this.#floor > ticket) return true;
    return tags.some((tag) => (this.#tagSeq.get(tag) ?? 0) > ticket);
  }

  #put(page: CachedPage): void {
    const size = sizeOf(page);
    if (size > this.#options.maxBytes) return;
    const old = this.#pages.get(page.key);
    if (old) this.#remove(old);
    this.#pages.set(page.key, page);
    this.#newest = page.key;
    for (const tag of page.tags) {
      let keys = this.#byTag.get(tag);
      if (!keys) this.#byTag.set(tag, (keys = new Set()));
      keys.add(page.key);
    }
    this.#bytes += size;
    this.#stats.stored++;
    for (const oldest of this.#pages.values()) {
      if (this.#bytes <= this.#options.maxBytes) break;
      this.#remove(oldest);
      this.#stats.evicted++;
    }
  }

  #remove(page: CachedPage): void {
    if (this.#pages.get(page.key) !== page) return;
    this.#pages.delete(page.key);
    this.#bytes -= sizeOf(page);
    for (const tag of page.tags) {
      const keys = this.#byTag.get(tag);
      keys?.delete(page.key);
      if (keys?.size === 0) this.#byTag.delete(tag);
    }
  }
}

/** What a page costs: its bodies, plus a rough allowance for its key, headers and tags. */
export function sizeOf(page: CachedPage): number {
  let bytes = 512 + page.key.length * 2;
  for (const body of Object.values(page.bodies)) bytes += body?.length ?? 0;
  for (const tag of page.tags) bytes += 64 + tag.length * 2;
  for (const [name, value] of page.headers) bytes += (name.length + value.length) * 2;
  return bytes;
}
