import { describe, expect, it } from 'vitest';
import { PageStore, sizeOf, type CachedPage } from './store.ts';

const page = (key: string, tags: string[], bytes = 1000, storedAt = 0): CachedPage => ({
  key,
  headers: [['content-type', 'text/html; charset=UTF-8']],
  tags,
  bodies: { identity: Buffer.alloc(bytes, 'a') },
  etags: { identity: `"${key}"` },
  storedAt,
});

function put(store: PageStore, p: CachedPage): boolean {
  return store.finish(store.begin(), p);
}

describe('the page store', () => {
  it('keeps pages within its bytes, the least recently used leaving first', () => {
    const one = page('/one/', ['site']);
    const store = new PageStore({ maxBytes: sizeOf(one) * 3, maxAgeMs: 60_000, now: () => 0 });
    for (const key of ['/a/', '/b/', '/c/']) put(store, page(key, ['site']));
    expect(store.get('/a/')).toBeDefined(); // /a/ is now the most recent; /b/ the least
    put(store, page('/d/', ['site']));
    expect(store.get('/b/')).toBeUndefined();
    expect(['/a/', '/c/', '/d/'].map((k) => store.get(k)?.key)).toEqual(['/a/', '/c/', '/d/']);
    expect(store.stats.bytes).toBeLessThanOrEqual(sizeOf(one) * 3);
    expect(store.stats.evicted).toBe(1);
  });

  it('never keeps a page larger than the whole bound', () => {
    const store = new PageStore({ maxBytes: 5000, maxAgeMs: 60_000, now: () => 0 });
    expect(put(store, page('/huge/', ['site'], 10_000))).toBe(true);
    expect(store.get('/huge/')).toBeUndefined();
    expect(store.stats.bytes).toBe(0);
  });

  it('forgets exactly the pages recording an invalidated tag', () => {
    const store = new PageStore({ maxBytes: 1e6, maxAgeMs: 60_000, now: () => 0 });
    put(store, page('/post/', ['post:1', 'links:2', 'site']));
    put(store, page('/', ['home', 'summary:1', 'site']));
    put(store, page('/other/', ['post:2', 'site']));
    expect(store.invalidate(['post:1'])).toBe(1);
    expect(store.get('/post/')).toBeUndefined();
    expect(store.get('/')).toBeDefined();
    expect(store.invalidate(['post:2', 'summary:1'])).toBe(2);
    expect(store.stats.pages).toBe(0);
  });

  it('refuses a render that something it shows changed under, and keeps one that nothing touched', () => {
    const store = new PageStore({ maxBytes: 1e6, maxAgeMs: 60_000, now: () => 0 });
    const stale = store.begin();
    const untouched = store.begin();
    store.invalidate(['post:1']);
    expect(store.finish(stale, page('/post/', ['post:1', 'site']))).toBe(false);
    expect(store.finish(untouched, page('/other/', ['post:2', 'site']))).toBe(true);
    expect(store.get('/post/')).toBeUndefined();
    expect(store.get('/other/')).toBeDefined();
    // Once no render is in flight, a new one is judged from its own start only.
    expect(put(store, page('/post/', ['post:1', 'site']))).toBe(true);
  });

  it('refuses every render in flight when everything is forgotten', () => {
    const store = new PageStore({ maxBytes: 1e6, maxAgeMs: 60_000, now: () => 0 });
    const render = store.begin();
    store.clear();
    expect(store.finish(render, page('/', ['home', 'site']))).toBe(false);
  });

  it('renders a page again once it is older than the longest a page is kept', () => {
    let now = 0;
    const store = new PageStore({ maxBytes: 1e6, maxAgeMs: 1000, now: () => now });
    put(store, page('/', ['home', 'site'], 100, 0));
    now = 999;
    expect(store.get('/')).toBeDefined();
    now = 1001;
    expect(store.get('/')).toBeUndefined();
    expect(store.stats.pages).toBe(0);
  });
});
