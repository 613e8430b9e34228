import type { Context } from 'hono';
import { listPosts } from '../../core/reading/reading.ts';
import { renderNotFound } from '../../render/index.ts';
import { httpFailure } from '../errors.ts';
import { siteView, type WebServices } from '../services.ts';
import { sendPage } from './respond.ts';
import { postLink } from './views.ts';

/** A 404 that helps: the site's frame, a way on, and the latest posts. */
export async function notFound(c: Context, services: WebServices): Promise<Response> {
  const site = await siteView(services);
  const recent = await listPosts(services.core, { limit: 5, offset: 0 });
  const html = renderNotFound({
    site,
    path: new URL(c.req.url).pathname,
    recent: recent.items.map((b) => postLink(b, site.settings)),
  });
  return sendPage(c, html, { status: httpFailure({ type: 'page-not-found' }).status });
}
