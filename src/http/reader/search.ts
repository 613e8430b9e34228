import type { Context } from 'hono';
import { postPath } from '../../core/posts/permalink.ts';
import { searchPosts } from '../../core/reading/search.ts';
import { renderSearchPage } from '../../render/index.ts';
import { siteView, type WebServices } from '../services.ts';
import { sendPage } from './respond.ts';

/**
 * `/?s=QUERY` and `/page/N/?s=QUERY`, as WordPress answers them. Any query, however odd, and any page
 * number get an ordinary page with status 200: a search that finds nothing is not an error. Shared
 * and revalidated like the listings, since results change as posts are published.
 */
export async function searchPage(
  c: Context,
  services: WebServices,
  text: string,
  pageText: string | undefined,
): Promise<Response> {
  const site = await siteView(services);
  const { settings } = site;
  const found = await searchPosts(services.core, {
    text,
    page: Number(pageText ?? 1),
    perPage: settings.postsPerPage,
  });
  const html = renderSearchPage({
    site,
    query: found.query,
    total: found.total,
    page: found.page,
    totalPages: found.totalPages,
    results: found.hits.map(({ post, snippet }) => ({
      url: postPath(post, settings.permalink),
      title: post.title,
      publishedAt: post.publishedAt,
      snippet,
      protected: post.protected,
    })),
  });
  return sendPage(c, html);
}
