import { describe, expect, it } from 'vitest';
import { cacheKey, chooseEncoding, matches, unstorable } from './policy.ts';

describe('what the page cache may answer', () => {
  it('answers anonymous reads of a path without a query', () => {
    expect(cacheKey({ method: 'GET', url: '/welcome/' })).toBe('/welcome/');
    expect(cacheKey({ method: 'HEAD', url: '/' })).toBe('/');
    // A cookie someone else set (a CDN's, an analytics script's on a shared domain) says nothing of the reader here.
    expect(cacheKey({ method: 'GET', url: '/', cookie: '_ga=GA1.1.2' })).toBe('/');
  });

  it('sends anything personal or unbounded to the application', () => {
    expect(cacheKey({ method: 'POST', url: '/comments' })).toBeUndefined();
    expect(cacheKey({ method: 'GET', url: '/welcome/?replytocom=3' })).toBeUndefined();
    expect(cacheKey({ method: 'GET', url: '/?s=elections' })).toBeUndefined();
    expect(cacheKey({ method: 'GET', url: '/', cookie: 'samizdat_own=abc' })).toBeUndefined();
    expect(cacheKey({ method: 'GET', url: '/', cookie: 'x=1; samizdat_unlocked=abc' })).toBeUndefined();
    expect(cacheKey({ method: 'GET', url: '/', authorization: 'Bearer t' })).toBeUndefined();
    expect(cacheKey({ method: 'GET', url: 'http://elsewhere/' })).toBeUndefined();
  });

  it('keeps only a shared 200 with its dependency tags', () => {
    const headers = (h: Record<string, string>) =>
      new Headers({ 'cache-control': 'public, no-cache', 'cache-tag': 'post:1,site', ...h });
    expect(unstorable(200, headers({}))).toBeUndefined();
    expect(unstorable(404, headers({}))).toBe('status 404');
    expect(unstorable(200, headers({ 'set-cookie': 'samizdat_own=1' }))).toBe('sets a cookie');
    expect(unstorable(200, headers({ 'cache-control': 'private, no-store' }))).toBe('personal');
    expect(unstorable(200, new Headers({ 'cache-control': 'public' }))).toBe('no dependency tags');
  });
});

describe('the encoding sent', () => {
  const all = { br: 1, gzip: 1, identity: 1 };
  it('is brotli, then gzip, by what the reader accepts', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd', all)).toBe('br');
    expect(chooseEncoding('gzip, deflate', all)).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5', all)).toBe('gzip');
    expect(chooseEncoding('*', all)).toBe('br');
    expect(chooseEncoding('identity', all)).toBe('identity');
    expect(chooseEncoding(undefined, all)).toBe('identity');
    expect(chooseEncoding('br, gzip', { identity: 1 })).toBe('identity');
  });
});

describe('If-None-Match', () => {
  it('matches the tag of what would be sent, weakly compared, or *', () => {
    expect(matches('"abc-br"', '"abc-br"')).toBe(true);
    expect(matches('W/"abc-br"', '"abc-br"')).toBe(true);
    expect(matches('"x", "abc"', '"abc"')).toBe(true);
    expect(matches('*', '"abc"')).toBe(true);
    expect(matches('"abc"', '"abc-br"')).toBe(false);
    expect(matches(undefined, '"abc"')).toBe(false);
  });
});
