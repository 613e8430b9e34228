import { Hono, type Context } from 'hono';
import { listingTags } from '../../core/reading/page-contents.ts';
import { resolveReaderRequest, type ReaderAnswer } from '../../core/reading/resolve.ts';
import { renderListPage, translator } from '../../render/index.ts';
import type { SiteView } from '../../render/views.ts';
import { siteView, type WebServices } from '../services.ts';
import { respondWithFeed } from './feeds.ts';
import { notFound } from './not-found.ts';
import { respondWithPost } from './post-page.ts';
import { sendPage } from './respond.ts';
import { searchPage } from './search.ts';
import { postLink } from './views.ts';

type ListingAnswer = Extract<ReaderAnswer, { type: 'listing' }>;

/** What a listing's heading and the text under it say. */
function headingOf(site: SiteView, { subject }: ListingAnswer): { heading: string; description: string } {
  switch (subject.kind) {
    case 'home':
      return { heading: '', description: '' };
    case 'tag':
    case 'category':
      return { heading: subject.term.name, description: subject.term.description };
    case 'author':
      return { heading: subject.user.displayName, description: subject.user.bio };
    case 'date': {
      const { date } = translator(site.settings.language, site.settings.timezone);
      return { heading: date(subject.range.from, subject.range.precision), description: '' };
    }
  }
}

function respondWithListing(c: Context, site: SiteView, answer: ListingAnswer): Response {
  const posts = answer.posts.map((b) => postLink(b, site.settings));
  const { page, totalPages, basePath } = answer;
  const html = renderListPage({
    site,
    kind: answer.subject.kind,
    ...headingOf(site, answer),
    basePath,
    posts,
    page,
    totalPages,
  });
  return sendPage(c, html, { tags: listingTags(answer.subject, answer.posts) });
}

/**
 * Reader pages and feeds at WordPress's URLs, so a moved blog keeps its links and subscribers. The
 * core decides what an address means (core/reading/resolve.ts); this only renders its answer.
 */
export function readerRoutes(services: WebServices): Hono {
  const app = new Hono({ strict: true });
  app.get('*', async (c) => {
    const site = await siteView(services);
    const url = new URL(c.req.url);
    const answer = await resolveReaderRequest(services.core, site.settings, {
      path: url.pathname,
      query: c.req.query(),
      search: url.search,
    });
    switch (answer.type) {
      case 'post':
        return respondWithPost(c, services, answer.post, { replyTo: answer.replyTo });
      case 'listing':
        return respondWithListing(c, site, answer);
      case 'search':
        return searchPage(c, services, answer.text, answer.page);
      case 'feed':
        return respondWithFeed(c, services, answer);
      case 'redirect':
        return c.redirect(answer.location, 301);
      case 'not-found':
        return notFound(c, services);
    }
  });
  return app;
}
