import type { Feed, FeedItem, FeedPerson } from './model.ts';
import { MEDIA_TYPES } from './model.ts';
import { rfc3339 } from '../dates.ts';
import { attrs, element } from './xml.ts';

function person(tag: 'author', who: FeedPerson): string {
  return `<${tag}>${element('name', who.name)}${who.url ? element('uri', who.url) : ''}</${tag}>`;
}

function link(rel: string, href: string, extra: Record<string, string | number> = {}): string {
  return `<link${attrs({ rel, href, ...extra })}/>`;
}

function entry(item: FeedItem): string {
  const image = item.image;
  return [
    '<entry>',
    element('id', item.id),
    element('title', item.title, { type: 'text' }),
    link('alternate', item.url, { type: 'text/html' }),
    element('published', rfc3339(item.published)),
    element('updated', rfc3339(item.modified)),
    ...item.authors.map((a) => person('author', a)),
    ...item.categories.map((c) => `<category${attrs({ term: c.term, label: c.label, scheme: c.scheme })}/>`),
    image ? link('enclosure', image.url, { type: image.mime, length: image.bytes }) : '',
    element('summary', item.summary, { type: 'text' }),
    // type="html": the markup travels escaped, so no HTML quirk can break the XML around it.
    item.contentHtml === undefined ? '' : element('content', item.contentHtml, { type: 'html' }),
    '</entry>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** Atom 1.0 (RFC 4287): RFC 3339 dates, unique ids, rel=alternate and rel=self, an author for every entry. */
export function renderAtom(feed: Feed): string {
  const head = [
    element('id', feed.urls.atom),
    element('title', feed.title, { type: 'text' }),
    feed.description && feed.description !== feed.title
      ? element('subtitle', feed.description, { type: 'text' })
      : '',
    element('updated', rfc3339(feed.updated)),
    link('alternate', feed.homeUrl, { type: 'text/html' }),
    link('self', feed.urls.atom, { type: MEDIA_TYPES.atom }),
    // Entries without an author of their own inherit this one, which Atom requires.
    person('author', feed.author),
    element('generator', 'Samizdat'),
    ...feed.items.map(entry),
  ];
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"${attrs({ 'xml:lang': feed.language })}>
${head.filter(Boolean).join('\n')}
</feed>
`;
}
