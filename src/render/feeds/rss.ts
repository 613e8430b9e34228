import type { Feed, FeedItem } from './model.ts';
import { MEDIA_TYPES } from './model.ts';
import { rfc822 } from '../dates.ts';
import { attrs, element } from './xml.ts';

const NAMESPACES = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
};

/**
 * RSS's `<author>` must be an email address, and no one's email is published here: the author's name
 * goes in dc:creator instead, as WordPress does.
 */
function item(entry: FeedItem): string {
  const image = entry.image;
  return [
    '<item>',
    element('title', entry.title),
    element('link', entry.url),
    // The id is a tag: URI, not a page address; a reader must not take it for a link.
    element('guid', entry.id, { isPermaLink: String(entry.id === entry.url) }),
    element('pubDate', rfc822(entry.published)),
    ...entry.authors.map((a) => element('dc:creator', a.name)),
    ...entry.categories.map((c) => element('category', c.label, { domain: c.scheme })),
    element('description', entry.summary),
    entry.contentHtml === undefined ? '' : element('content:encoded', entry.contentHtml),
    image ? `<enclosure${attrs({ url: image.url, length: image.bytes, type: image.mime })}/>` : '',
    '</item>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** RSS 2.0 with atom:link rel=self, content:encoded for the full HTML and dc:creator for bylines. */
export function renderRss(feed: Feed): string {
  const channel = [
    element('title', feed.title),
    element('link', feed.homeUrl),
    element('description', feed.description || feed.title),
    element('language', feed.language),
    element('lastBuildDate', rfc822(feed.updated)),
    element('generator', 'Samizdat'),
    `<atom:link${attrs({ href: feed.urls.rss, rel: 'self', type: MEDIA_TYPES.rss })}/>`,
    ...feed.items.map(item),
  ];
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"${attrs(NAMESPACES)}>
<channel>
${channel.filter(Boolean).join('\n')}
</channel>
</rss>
`;
}
