import { Hono, type Context } from 'hono';
import { parseId } from '../../core/input.ts';
import type { SitemapEntry } from '../../core/ports/storage.ts';
import { postPath } from '../../core/posts/permalink.ts';
import type { PostType } from '../../core/posts/post.ts';
import {
  renderRobots,
  renderSitemapIndex,
  renderUrlSet,
  SITEMAP_LIMIT,
  type SitemapUrl,
} from '../../render/sitemap.ts';
import { siteView, type WebServices } from '../services.ts';

const newest = (entries: SitemapEntry[]): Date | undefined =>
  entries.reduce<Date | undefined>(
    (max, e) => (!max || e.lastModified > max ? e.lastModified : max),
    undefined,
  );

/** `/sitemap.xml` (an index), its parts, and `/robots.txt` pointing to it. */
export function sitemapRoutes(services: WebServices): Hono {
  const app = new Hono();
  const discovery = services.core.storage.discovery;
  const base = services.baseUrl;
  const xml = (c: Context, body: string) => {
    c.header('Content-Type', 'application/xml; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(body);
  };

  const postUrls = async (type: PostType, page: number): Promise<SitemapUrl[]> => {
    const { settings } = await siteView(services);
    const now = services.core.clock.now();
    const entries = await discovery.publicPosts(type, now, SITEMAP_LIMIT, (page - 1) * SITEMAP_LIMIT);
    return entries.map((e) => ({
      loc: `${base}${postPath({ type, slug: e.slug, publishedAt: e.publishedAt! }, settings.permalink)}`,
      lastmod: e.lastModified,
    }));
  };
  const archiveUrls = (prefix: string, entries: SitemapEntry[]): SitemapUrl[] =>
    entries.map((e) => ({
      loc: `${base}/${prefix}/${encodeURIComponent(e.slug)}/`,
      lastmod: e.lastModified,
    }));

  app.get('/sitemap.xml', async (c) => {
    const now = services.core.clock.now();
    const parts: SitemapUrl[] = [];
    for (const type of ['post', 'page'] as const) {
      const count = await discovery.countPublic(type, now);
      for (let page = 1; page <= Math.max(1, Math.ceil(count / SITEMAP_LIMIT)); page++) {
        const urls = await postUrls(type, page);
        const lastmod = urls.reduce<Date | undefined>(
          (m, u) => (!m || u.lastmod! > m ? u.lastmod : m),
          undefined,
        );
        parts.push({ loc: `${base}/sitemap-${type}s-${page}.xml`, lastmod });
      }
    }
    const [tags, categories, authors] = await Promise.all([
      discovery.termsInUse('tag', now),
      discovery.termsInUse('category', now),
      discovery.authorsInUse(now),
    ]);
    parts.push(
      { loc: `${base}/sitemap-tags.xml`, lastmod: newest(tags) },
      { loc: `${base}/sitemap-categories.xml`, lastmod: newest(categories) },
      { loc: `${base}/sitemap-authors.xml`, lastmod: newest(authors) },
    );
    return xml(c, renderSitemapIndex(parts));
  });

  app.get('/:file{sitemap-[a-z]+-[0-9]+\\.xml}', async (c) => {
    const match = /^sitemap-(posts|pages)-(\d+)\.xml$/.exec(c.req.param('file') ?? '');
    if (!match) return c.notFound();
    const [, kind, n] = match;
    const page = parseId(n);
    if (page === undefined) return c.notFound();
    const urls = await postUrls(kind === 'posts' ? 'post' : 'page', page);
    if (urls.length === 0 && page > 1) return c.notFound();
    // The home page leads the first file: it changes whenever a post does.
    if (kind === 'pages' && page === 1) {
      const posts = await postUrls('post', 1);
      urls.unshift({ loc: `${base}/`, lastmod: posts.at(-1)?.lastmod });
    }
    return xml(c, renderUrlSet(urls));
  });

  app.get('/sitemap-tags.xml', async (c) =>
    xml(c, renderUrlSet(archiveUrls('tag', await discovery.termsInUse('tag', services.core.clock.now())))),
  );
  app.get('/sitemap-categories.xml', async (c) =>
    xml(
      c,
      renderUrlSet(
        archiveUrls('category', await discovery.termsInUse('category', services.core.clock.now())),
      ),
    ),
  );
  app.get('/sitemap-authors.xml', async (c) =>
    xml(c, renderUrlSet(archiveUrls('author', await discovery.authorsInUse(services.core.clock.now())))),
  );

  app.get('/robots.txt', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.text(renderRobots(base));
  });
  return app;
}
