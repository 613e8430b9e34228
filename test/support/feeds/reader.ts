import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import type { FeedFormat } from '../../../src/render/feeds/model.ts';

/**
 * For tests only: a feed as a feed reader sees it, read by a real feed-parsing library (feedsmith),
 * flattened to one shape for all three formats so that tests compare it with the database once.
 */
export interface ReadItem {
  id: string;
  title: string;
  url: string;
  published: Date;
  modified: Date | undefined;
  /** HTML when the feed carries the full text, else undefined. */
  content: string | undefined;
  summary: string | undefined;
  authors: string[];
  categories: string[];
  enclosure: { url: string; type: string | undefined; length: number | undefined } | undefined;
}

export interface ReadFeed {
  title: string;
  homeUrl: string;
  selfUrl: string | undefined;
  language: string | undefined;
  items: ReadItem[];
}

const date = (text: string | undefined): Date | undefined => (text ? new Date(text) : undefined);

function readRss(body: string): ReadFeed {
  const feed = parseRssFeed(body);
  return {
    title: feed.title ?? '',
    homeUrl: feed.link ?? '',
    selfUrl: feed.atom?.links?.find((l) => l.rel === 'self')?.href,
    language: feed.language,
    items: (feed.items ?? []).map((item) => ({
      id: item.guid?.value ?? '',
      title: item.title ?? '',
      url: item.link ?? '',
      published: new Date(item.pubDate ?? NaN),
      modified: undefined,
      content: item.content?.encoded,
      summary: item.description,
      authors: item.dc?.creators ?? [],
      categories: (item.categories ?? []).map((c) => c.name ?? ''),
      enclosure: item.enclosures?.[0] && {
        url: item.enclosures[0].url ?? '',
        type: item.enclosures[0].type,
        length: item.enclosures[0].length,
      },
    })),
  };
}

function readAtom(body: string): ReadFeed {
  const feed = parseAtomFeed(body);
  return {
    title: feed.title?.value ?? '',
    homeUrl: feed.links?.find((l) => (l.rel ?? 'alternate') === 'alternate')?.href ?? '',
    selfUrl: feed.links?.find((l) => l.rel === 'self')?.href,
    language: feed.xml?.lang,
    items: (feed.entries ?? []).map((entry) => {
      const enclosure = entry.links?.find((l) => l.rel === 'enclosure');
      return {
        id: entry.id ?? '',
        title: entry.title?.value ?? '',
        url: entry.links?.find((l) => (l.rel ?? 'alternate') === 'alternate')?.href ?? '',
        published: new Date(entry.published ?? NaN),
        modified: date(entry.updated),
        content: entry.content?.value,
        summary: entry.summary?.value,
        authors: (entry.authors ?? []).map((a) => a.name ?? ''),
        categories: (entry.categories ?? []).map((c) => c.label ?? c.term ?? ''),
        enclosure: enclosure && { url: enclosure.href ?? '', type: enclosure.type, length: enclosure.length },
      };
    }),
  };
}

function readJson(body: string): ReadFeed {
  const feed = parseJsonFeed(body);
  return {
    title: feed.title ?? '',
    homeUrl: feed.home_page_url ?? '',
    selfUrl: feed.feed_url,
    language: feed.language,
    items: (feed.items ?? []).map((item) => ({
      id: item.id ?? '',
      title: item.title ?? '',
      url: item.url ?? '',
      published: new Date(item.date_published ?? NaN),
      modified: date(item.date_modified),
      content: item.content_html,
      summary: item.summary,
      authors: (item.authors ?? []).map((a) => a.name ?? ''),
      categories: item.tags ?? [],
      enclosure: item.attachments?.[0] && {
        url: item.attachments[0].url ?? '',
        type: item.attachments[0].mime_type,
        length: item.attachments[0].size_in_bytes,
      },
    })),
  };
}

export function readFeed(body: string, format: FeedFormat): ReadFeed {
  return { rss: readRss, atom: readAtom, json: readJson }[format](body);
}
