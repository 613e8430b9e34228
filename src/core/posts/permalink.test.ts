import { describe, expect, it } from 'vitest';
import { postPath, slugFromPath } from './permalink.ts';

const post = { type: 'post' as const, slug: 'хроника', publishedAt: new Date('2026-02-03T10:00:00Z') };

describe('permalinks', () => {
  it('builds and reads the default and the dated templates', () => {
    expect(postPath(post, '/:slug/')).toBe('/%D1%85%D1%80%D0%BE%D0%BD%D0%B8%D0%BA%D0%B0/');
    expect(postPath(post, '/:year/:month/:day/:slug/')).toBe(
      '/2026/02/03/%D1%85%D1%80%D0%BE%D0%BD%D0%B8%D0%BA%D0%B0/',
    );
    expect(slugFromPath(postPath(post, '/:year/:month/:day/:slug/'), '/:year/:month/:day/:slug/')).toBe(
      'хроника',
    );
    expect(slugFromPath('/a/b/', '/:slug/')).toBeUndefined();
  });

  it('puts pages at /slug/ whatever the template', () => {
    expect(postPath({ ...post, type: 'page', slug: 'about' }, '/:year/:slug/')).toBe('/about/');
  });
});
