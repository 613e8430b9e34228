import { describe, expect, it } from 'vitest';
import { isSitePath } from './path-gate.ts';
import { isOwnLocation } from './redirects.ts';
import { redact } from './unexpected.ts';

const SITE = 'https://blog.example';

describe('redirects', () => {
  it.each([
    '/',
    '/welcome/',
    '/welcome/#comment-3',
    '/%2F%2Fevil.example/',
    '/tag/%D1%81/?x=1',
    `${SITE}/x/`,
  ])('lets %s through', (location) => expect(isOwnLocation(location, SITE)).toBe(true));
  it.each([
    '//evil.example/phish/',
    '/\\evil.example/phish/',
    '\\/evil.example/',
    '/\t/evil.example/',
    '/\n/evil.example/',
    'https://evil.example/',
    'http://blog.example/',
    'https:evil.example',
    'javascript:alert(1)',
    'welcome/',
    '',
  ])('refuses %j', (location) => expect(isOwnLocation(location, SITE)).toBe(false));
});

describe('the path gate', () => {
  it.each([
    '/',
    '/welcome/',
    '/welcome',
    '/tag/%D1%81%D1%83%D0%B4/',
    '/2026/03/',
    '/feed.json',
    '/media/a/b.jpg',
  ])('lets %s through', (path) => expect(isSitePath(path)).toBe(true));
  it.each([
    '//evil.example/phish',
    '/a//b/',
    '/tag/%00/',
    '/x%00/feed/',
    '/media/%.jpg',
    '/%E0%A4%A/',
    '/%2F%2Fevil.example/',
    '/a%5Cb/',
    '/%ED%A0%80/',
    `/${'a'.repeat(401)}/`,
    'relative',
  ])('refuses %s', (path) => expect(isSitePath(path)).toBe(false));
});

describe('what an error may say in the log', () => {
  it('names no path on disk and no credentials', () => {
    expect(redact("ENOENT: no such file or directory, open '/srv/samizdat/data/media/x.jpg'")).toBe(
      "ENOENT: no such file or directory, open '[path]'",
    );
    expect(redact('connect to postgres://app:s3cret@db:5432/blog failed')).not.toContain('s3cret');
    expect(redact('value "99999999999" is out of range for type integer')).toBe(
      'value "99999999999" is out of range for type integer',
    );
  });
});
