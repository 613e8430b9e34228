import { describe, expect, it } from 'vitest';
import {
  blogPrefix,
  linkRewriter,
  oldAddresses,
  pathSpellings,
  sourceKey,
  uploadPath,
  type LinkIndex,
} from './urls.ts';

const site = {
  title: 'Blog',
  link: 'https://www.blog.example.kz',
  baseSiteUrl: 'http://blog.example.kz/',
  baseBlogUrl: 'http://blog.example.kz/',
  language: 'ru',
  wxrVersion: '1.2',
};

describe('old WordPress addresses', () => {
  it('keys a source by host and path, whatever the scheme or www', () => {
    expect(sourceKey(site, 'export.xml')).toBe('blog.example.kz');
    expect(sourceKey({ ...site, baseBlogUrl: 'https://Example.org/blog/' }, 'x.xml')).toBe(
      'example.org/blog',
    );
    expect(sourceKey({ ...site, baseBlogUrl: '', link: '', baseSiteUrl: '' }, 'x.xml')).toBe('file:x.xml');
  });

  it('keeps a query WordPress read as part of the old address, and refuses one it did not', () => {
    const blog = { hosts: new Set(['example.net']), prefix: '/blog' };
    expect(oldAddresses(blog, 'http://example.net/blog/?p=884')).toEqual(['/blog/?p=884']);
    expect(oldAddresses(blog, 'https://www.example.net/blog/2019/05/03/slug/')).toEqual([
      '/blog/2019/05/03/slug/',
      '/2019/05/03/slug/',
    ]);
    expect(oldAddresses(blog, 'http://example.net/blog/')).toEqual([]);
    expect(oldAddresses(blog, 'http://example.net/blog/some-page/?lang=en')).toEqual([]);
    expect(oldAddresses(blog, 'http://elsewhere.example/blog/?p=884')).toEqual([]);
    expect(blogPrefix({ ...site, baseBlogUrl: 'http://example.net/blog/' })).toBe('/blog');
    expect(blogPrefix(site)).toBe('');
  });

  it('spells a path with its escapes in both cases', () => {
    expect(pathSpellings('/%d0%b2/')).toEqual(['/%d0%b2/', '/%D0%B2/']);
    expect(pathSpellings('/about/')).toEqual(['/about/']);
  });

  it('finds uploads under wp-content and on WordPress.com’s file host', () => {
    expect(uploadPath(new URL('https://b.example/wp-content/uploads/2019/05/a%20b.jpg'))).toBe(
      '2019/05/a b.jpg',
    );
    expect(uploadPath(new URL('https://blog.files.wordpress.com/2008/06/c.jpg?w=300'))).toBe('2008/06/c.jpg');
    expect(uploadPath(new URL('https://b.example/2019/05/slug/'))).toBeUndefined();
  });
});

describe('rewriting links in imported content', () => {
  const index: LinkIndex = {
    origin: 'https://blog.example.kz',
    blog: { hosts: new Set(['blog.example.kz', 'blog.files.wordpress.com']), prefix: '' },
    byAddress: new Map(),
    byPath: new Map([['/2019/05/03/выборы/', '/выборы-2/']]),
    byId: new Map([[12, '/about-2/']]),
    media: new Map([['2019/05/square.jpg', '/media/2024/01/square-abc.jpg']]),
  };
  const rewrite = linkRewriter(index);

  it('points old post links, in any spelling, at the new addresses, keeping the fragment', () => {
    expect(
      rewrite('https://blog.example.kz/2019/05/03/%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B/#comment-5'),
    ).toBe('/выборы-2/#comment-5');
    expect(rewrite('http://www.blog.example.kz/2019/05/03/выборы')).toBe('/выборы-2/');
    expect(rewrite('/2019/05/03/%d0%b2%d1%8b%d0%b1%d0%be%d1%80%d1%8b/feed/')).toBe('/выборы-2/feed/');
    expect(rewrite('https://blog.example.kz/?p=12')).toBe('/about-2/');
    expect(rewrite('/?page_id=12')).toBe('/about-2/');
  });

  it('points uploads at the media library, thumbnails at their original', () => {
    expect(rewrite('https://blog.example.kz/wp-content/uploads/2019/05/square-300x200.jpg')).toBe(
      '/media/2024/01/square-abc.jpg',
    );
    expect(rewrite('https://blog.files.wordpress.com/2019/05/square.jpg?w=640')).toBe(
      '/media/2024/01/square-abc.jpg',
    );
  });

  it('makes a relative link to an upload that stayed behind absolute, and leaves everything else alone', () => {
    expect(rewrite('/wp-content/uploads/2019/05/gone.jpg')).toBe(
      'https://blog.example.kz/wp-content/uploads/2019/05/gone.jpg',
    );
    expect(rewrite('https://blog.example.kz/wp-content/uploads/2019/05/gone.jpg')).toBeUndefined();
    expect(rewrite('https://elsewhere.example/2019/05/03/выборы/')).toBeUndefined();
    expect(rewrite('https://blog.example.kz/unknown/')).toBeUndefined();
    expect(rewrite('#top')).toBeUndefined();
    expect(rewrite('mailto:a@b.c')).toBeUndefined();
    expect(rewrite('javascript:alert(1)')).toBeUndefined();
  });
});
