import { describe, expect, it } from 'vitest';
import { createFormatter } from '../markdown.ts';
import { absolutizeHtml, absoluteUrl } from './absolute.ts';

const POST = 'https://example.org/the-square/';

describe('absolutizeHtml', () => {
  it('resolves site paths, relative paths and fragments against the post’s URL', () => {
    const html = '<p><a href="/other/">x</a> <a href="notes/">y</a> <a href="#fn1">z</a></p>';
    expect(absolutizeHtml(html, POST)).toBe(
      '<p><a href="https://example.org/other/">x</a> <a href="https://example.org/the-square/notes/">y</a> <a href="https://example.org/the-square/#fn1">z</a></p>',
    );
  });

  it('rewrites every candidate of a srcset and keeps its descriptor', () => {
    const html =
      '<img src="/media/a-800.jpg" srcset="/media/a-800.jpg 800w, /media/a-1600.jpg 1600w" alt="">';
    expect(absolutizeHtml(html, POST)).toBe(
      '<img src="https://example.org/media/a-800.jpg" srcset="https://example.org/media/a-800.jpg 800w, https://example.org/media/a-1600.jpg 1600w" alt="">',
    );
  });

  it('leaves absolute URLs, mailto and other attributes alone', () => {
    const html =
      '<a href="https://other.example/x?a=1&amp;b=2" title="/not-a-url">o</a><a href="mailto:a@example.org">m</a>';
    expect(absolutizeHtml(html, POST)).toBe(html);
  });

  it('keeps escaped ampersands and quotes escaped', () => {
    expect(absolutizeHtml('<a href="/search/?q=a&amp;b=&quot;c&quot;">s</a>', POST)).toBe(
      '<a href="https://example.org/search/?q=a&amp;b=%22c%22">s</a>',
    );
  });

  it('handles single-quoted and unquoted attributes', () => {
    expect(absolutizeHtml("<a href='/a/'>a</a><img src=/b.jpg alt=b>", POST)).toBe(
      '<a href="https://example.org/a/">a</a><img src="https://example.org/b.jpg" alt=b>',
    );
  });

  it('never touches text that merely looks like markup', () => {
    const html = '<pre><code>&lt;a href="/x"&gt;link&lt;/a&gt; href="/y"</code></pre>';
    expect(absolutizeHtml(html, POST)).toBe(html);
  });

  it('percent-encodes Cyrillic paths as a browser would', () => {
    expect(absolutizeHtml('<a href="/метка/">м</a>', POST)).toBe(
      '<a href="https://example.org/%D0%BC%D0%B5%D1%82%D0%BA%D0%B0/">м</a>',
    );
  });

  it('makes absolute every URL of a real post, photos and footnotes included', () => {
    const html = createFormatter().post(
      'See [the archive](/2024/) and ![a photo](/media/2024/03/a.jpg "Photo").\n\n<img src="/media/b.jpg" srcset="/media/b-800.jpg 800w, /media/b-1600.jpg 1600w"> [^1]\n\n<a href="#top">top</a>',
    );
    const absolute = absolutizeHtml(html, POST);
    for (const [, url] of absolute.matchAll(/(?:href|src)="([^"]*)"/g)) expect(url).toMatch(/^https:\/\//);
    expect(absolute).toContain('https://example.org/media/b-1600.jpg 1600w');
  });
});

describe('absoluteUrl', () => {
  it('resolves against the base and leaves what cannot be parsed', () => {
    expect(absoluteUrl('/a b/', POST)).toBe('https://example.org/a%20b/');
    expect(absoluteUrl('', POST)).toBe(POST);
    expect(absoluteUrl('http://[bad', POST)).toBe('http://[bad');
  });
});
