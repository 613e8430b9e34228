import type { Feed, FeedItem, FeedPerson } from './model.ts';
import { rfc3339 } from '../dates.ts';
import { xmlSafe } from '../xml.ts';

type JsonAuthor = { name: string; url?: string };

function author(who: FeedPerson): JsonAuthor {
  return who.url ? { name: who.name, url: who.url } : { name: who.name };
}

function item(entry: FeedItem, language: string): Record<string, unknown> {
  return {
    id: entry.id,
    url: entry.url,
    title: entry.title,
    // JSON Feed needs content_html or content_text: a summary-only feed sends the text.
    ...(entry.contentHtml === undefined
      ? { content_text: entry.summary }
      : { content_html: entry.contentHtml }),
    ...(entry.summary ? { summary: entry.summary } : {}),
    ...(entry.image ? { image: entry.image.url } : {}),
    date_published: rfc3339(entry.published),
    date_modified: rfc3339(entry.modified),
    ...(entry.authors.length > 0 ? { authors: entry.authors.map(author) } : {}),
    ...(entry.categories.length > 0 ? { tags: entry.categories.map((c) => c.label) } : {}),
    language,
    ...(entry.image
      ? {
          attachments: [
            { url: entry.image.url, mime_type: entry.image.mime, size_in_bytes: entry.image.bytes },
          ],
        }
      : {}),
  };
}

/** JSON Feed 1.1 (jsonfeed.org/version/1.1). */
export function renderJsonFeed(feed: Feed): string {
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.urls.json,
    ...(feed.description && feed.description !== feed.title ? { description: feed.description } : {}),
    language: feed.language,
    authors: [author(feed.author)],
    items: feed.items.map((entry) => item(entry, feed.language)),
  };
  return `${JSON.stringify(document, (_key, value: unknown) => (typeof value === 'string' ? xmlSafe(value) : value), 2)}\n`;
}
