import { Hono, type Context } from 'hono';
import type { Post, PostQuery } from '../../core/posts/post.ts';
import { postPath, slugFromPath } from '../../core/posts/permalink.ts';
import { parseDateArchive, parseId, parseSegment } from '../../core/input.ts';
import { findPostByQueryId, isPublic, listPosts } from '../../core/reading/reading.ts';
import { renderListPage } from '../../render/index.ts';
import type { ListPageView } from '../../render/views.ts';
import { siteView, type WebServices } from '../services.ts';
import { notFound } from './not-found.ts';
import { respondWithPost } from './post-page.ts';
import { searchPage } from './search.ts';
import { sendPage } from './respond.ts';
import { postLink } from './views.ts';
import { translator } from '../../render/index.ts';

type Listing = Pick<ListPageView, 'kind' | 'heading' | 'description' | 'basePath'> & {
  query: Omit<PostQuery, 'limit' | 'offset'>;
};

/** A listing answers at its own path and at `page/N/` under it. */
const paged = (path: string): string[] => [path, `${path}page/:page{[0-9]+}/`];

/** Reader pages at WordPress's URLs, so a moved blog keeps its links. */
export function readerRoutes(services: WebServices): Hono {
  const app = new Hono({ strict: true });
  const storage = services.core.storage;

  const listing = async (c: Context, l: Listing): Promise<Response> => {
    const pageParam = c.req.param('page');
    const page = pageParam === undefined ? 1 : parseId(pageParam);
    if (page === undefined) return notFound(c, services);
    // The first page has one address, the listing's own.
    if (pageParam !== undefined && page === 1)
      return c.redirect(`${l.basePath}${new URL(c.req.url).search}`, 301);
    const site = await siteView(services);
    const perPage = site.settings.postsPerPage;
    const result = await listPosts(services.core, {
      ...l.query,
      limit: perPage,
      offset: (page - 1) * perPage,
    });
    const totalPages = Math.max(1, Math.ceil(result.total / perPage));
    if (page > totalPages || (l.kind !== 'home' && result.total === 0)) return notFound(c, services);
    const posts = result.items.map((b) => postLink(b, site.settings));
    return sendPage(c, renderListPage({ site, ...l, posts, page, totalPages }));
  };

  app.on('GET', paged('/'), async (c) => {
    const p = c.req.query('p') ?? c.req.query('page_id');
    if (p !== undefined) return redirectToPost(c, services, await findPostByQueryId(services.core, p));
    const s = c.req.query('s');
    if (s !== undefined) return searchPage(c, services, s);
    return listing(c, { kind: 'home', heading: '', description: '', basePath: '/', query: {} });
  });

  for (const taxonomy of ['tag', 'category'] as const) {
    app.on('GET', paged(`/${taxonomy}/:slug/`), async (c) => {
      const slug = parseSegment(c.req.param('slug'));
      const term = slug === undefined ? undefined : await storage.terms.findBySlug(taxonomy, slug);
      if (!term) return notFound(c, services);
      return listing(c, {
        kind: taxonomy,
        heading: term.name,
        description: term.description,
        basePath: `/${taxonomy}/${encodeURIComponent(term.slug)}/`,
        query: { [taxonomy]: term.slug },
      });
    });
  }

  app.on('GET', paged('/author/:login/'), async (c) => {
    const login = parseSegment(c.req.param('login'));
    const user = login === undefined ? undefined : await storage.users.findByLogin(login);
    if (!user) return notFound(c, services);
    return listing(c, {
      kind: 'author',
      heading: user.displayName,
      description: user.bio,
      basePath: `/author/${encodeURIComponent(user.login)}/`,
      query: { authorId: user.id },
    });
  });

  const year = '/:year{[0-9]{4}}/';
  const dated = [year, `${year}:month{[0-9]{2}}/`, `${year}:month{[0-9]{2}}/:day{[0-9]{2}}/`].flatMap(paged);
  app.on('GET', dated, async (c) => {
    const range = parseDateArchive(c.req.param('year') ?? '', c.req.param('month'), c.req.param('day'));
    if (!range) return notFound(c, services);
    const { from, until, precision } = range;
    const site = await siteView(services);
    const { date } = translator(site.settings.language, site.settings.timezone);
    const heading = date(from, precision);
    const basePath = `/${[c.req.param('year'), c.req.param('month'), c.req.param('day')].filter(Boolean).join('/')}/`;
    return listing(c, { kind: 'date', heading, description: '', basePath, query: { from, until } });
  });

  // Anything else is a post at its permalink, an old address of one, or nothing.
  app.get('*', async (c) => {
    const path = new URL(c.req.url).pathname;
    if (!path.endsWith('/') && !/\.[a-z0-9]+$/i.test(path)) {
      // `//host/x` must stay a path on this site: `//host/x/` would send the reader to another one.
      return c.redirect(`/${path.replace(/^\/+/, '')}/${new URL(c.req.url).search}`, 301);
    }
    const settings = (await siteView(services)).settings;
    const now = services.core.clock.now();
    const slug = parseSegment(slugFromPath(path, settings.permalink) ?? slugFromPath(path, '/:slug/'));
    const post = slug ? await storage.posts.findBySlug(slug) : undefined;
    if (post && isPublic(post, now)) {
      const canonical = postPath(post, settings.permalink);
      if (canonical !== path) return c.redirect(canonical, 301);
      return respondWithPost(c, services, post, { replyTo: parseId(c.req.query('replytocom')) });
    }
    const aliased = await storage.aliases.find(path);
    if (aliased !== undefined) return redirectToPost(c, services, await storage.posts.findById(aliased));
    return notFound(c, services);
  });

  return app;
}

async function redirectToPost(c: Context, services: WebServices, post: Post | undefined): Promise<Response> {
  if (!post || !isPublic(post, services.core.clock.now())) return notFound(c, services);
  const { settings } = await siteView(services);
  return c.redirect(postPath(post, settings.permalink), 301);
}
