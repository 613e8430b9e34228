import { describe, expect, it } from 'vitest';
import type { Language } from '../../core/site/settings.ts';
import * as sample from '../../../test/support/views.ts';
import type { PostLink } from '../views.ts';
import { commentsFeed, itemId, postsFeed, renderFeed, type CommentEntry, type FeedPlace } from './index.ts';
import type { FeedFormat } from './model.ts';
import { readFeed } from '../../../test/support/feeds/reader.ts';
import {
  checkJsonFeed,
  checkXmlFeed,
  parseXml,
  rfc822Verdict,
  isRfc3339,
} from '../../../test/support/feeds/validator.ts';

const FORMATS: FeedFormat[] = ['rss', 'atom', 'json'];
const PATHS = { rss: '/feed/', atom: '/feed/atom/', json: '/feed.json' };

function place(overrides: Partial<FeedPlace> = {}, language: Language = 'en'): FeedPlace {
  return {
    site: sample.site(language),
    scope: { kind: 'site' },
    homePath: '/',
    paths: PATHS,
    emptyUpdated: new Date(0),
    ...overrides,
  };
}

/** A post with a hostile title, a Cyrillic slug, a relative link and an image in its text. */
function tricky(): PostLink {
  const link = sample.postLink({
    id: 43,
    slug: 'выборы-2024',
    title: 'Tom & "Jerry" <b>not bold</b>\u0008 – выборы',
    html: '<p>See <a href="/the-square/">the square</a> and <a href="#fn">note</a>.</p><img src="/media/x.jpg" srcset="/media/x-800.jpg 800w" alt="">',
    excerpt: 'Short & sweet.',
    publishedAt: new Date('2024-03-04T23:30:00Z'),
    createdAt: new Date('2024-03-01T10:00:00Z'),
    updatedAt: new Date('2024-03-05T08:00:00Z'),
    image: null,
  });
  return { ...link, url: '/%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B-2024/', image: undefined };
}

const posts = (): PostLink[] => [tricky(), sample.postLink()];

function problemsOf(body: string, format: FeedFormat) {
  return format === 'json' ? checkJsonFeed(body) : checkXmlFeed(body);
}

describe.each(FORMATS)('a posts feed in %s', (format) => {
  const body = renderFeed(postsFeed(place(), posts()), format);
  const feed = readFeed(body, format);

  it('passes the validator’s rules with nothing to report, not even a warning', () => {
    expect(problemsOf(body, format)).toEqual([]);
  });

  it('names the site and points at itself and the home page with absolute URLs', () => {
    expect(feed.title).toBe('Dispatches');
    expect(feed.homeUrl).toBe('https://example.org/');
    expect(feed.selfUrl).toBe(`https://example.org${PATHS[format]}`);
    expect(feed.language).toBe('en');
  });

  it('carries each post: escaped title, percent-encoded URL, exact dates, author, terms', () => {
    const [first, second] = feed.items;
    expect(first!.title).toBe('Tom & "Jerry" <b>not bold</b> – выборы');
    expect(first!.url).toBe('https://example.org/%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B-2024/');
    expect(first!.published.toISOString()).toBe('2024-03-04T23:30:00.000Z');
    if (format !== 'rss') expect(first!.modified?.toISOString()).toBe('2024-03-05T08:00:00.000Z');
    expect(first!.authors).toEqual(['Aigerim Nurlanovna']);
    expect(first!.categories).toEqual(['Analysis', 'Elections', 'Courts']);
    expect(first!.id).toBe('tag:example.org,2024-03-01:post-43');
    expect(second!.id).toBe('tag:example.org,2024-03-03:post-42');
  });

  it('sends the full text with every URL made absolute', () => {
    const content = feed.items[0]!.content!;
    expect(content).toContain('<a href="https://example.org/the-square/">the square</a>');
    expect(content).toContain('href="https://example.org/%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B-2024/#fn"');
    expect(content).toContain('srcset="https://example.org/media/x-800.jpg 800w"');
    expect(feed.items[0]!.summary).toBe('Short & sweet.');
  });

  it('describes the featured image from its Media record, and shows it with its credit in the text', () => {
    const item = feed.items[1]!;
    expect(item.enclosure).toEqual({
      url: 'https://example.org/media/2024/03/square.jpg',
      type: 'image/jpeg',
      length: 500_000,
    });
    expect(item.content).toContain('<img src="https://example.org/media/2024/03/square-1600.jpg"');
    expect(item.content).toContain('<figcaption>The square at noon. Photo: A. Reader</figcaption>');
    expect(feed.items[0]!.enclosure).toBeUndefined();
  });

  it('sends excerpts only when the site asks for them', () => {
    const site = sample.site();
    site.settings.feedFullText = false;
    const short = renderFeed(postsFeed(place({ site }), posts()), format);
    expect(problemsOf(short, format)).toEqual([]);
    const item = readFeed(short, format).items[0]!;
    expect(item.content).toBeUndefined();
    expect(short).not.toContain('the square</a>');
    if (format === 'json') expect(JSON.parse(short).items[0].content_text).toBe('Short & sweet.');
    else expect(item.summary).toBe('Short & sweet.');
  });
});

describe('dates and well-formedness', () => {
  it('writes RFC 822 dates with a four-digit year in RSS and RFC 3339 in Atom and JSON Feed', () => {
    const rss = parseXml(renderFeed(postsFeed(place(), posts()), 'rss'));
    const dates = rss.children[0]!.children.flatMap((n) => [n, ...n.children]).filter((n) =>
      /Date$/.test(n.name),
    );
    expect(dates.length).toBeGreaterThan(2);
    for (const d of dates) {
      expect(rfc822Verdict(d.text), d.text).toBe('valid');
      expect(d.text).toMatch(/ \d{4} \d\d:\d\d:\d\d GMT$/);
    }
    const atom = renderFeed(postsFeed(place(), posts()), 'atom');
    for (const [, d] of atom.matchAll(/<(?:updated|published)>([^<]*)</g)) expect(isRfc3339(d!)).toBe(true);
  });

  it('drops characters XML cannot carry instead of breaking the document', () => {
    const body = renderFeed(postsFeed(place(), posts()), 'atom');
    expect(body).not.toContain('\u0008');
    expect(() => parseXml(body)).not.toThrow();
  });

  it('gives an empty feed a valid document and the stable date it was handed', () => {
    for (const format of FORMATS) {
      const body = renderFeed(
        postsFeed(place({ emptyUpdated: new Date('2024-01-01T00:00:00Z') }), []),
        format,
      );
      expect(problemsOf(body, format)).toEqual([]);
      if (format === 'atom') expect(body).toContain('<updated>2024-01-01T00:00:00Z</updated>');
    }
  });
});

describe('comments feeds', () => {
  const entries: CommentEntry[] = [
    {
      comment: sample.comment(7, {
        authorName: 'Ерлан',
        authorEmail: 'erlan@example.kz',
        authorUrl: 'https://erlan.example/',
        html: '<p>Согласен, см. <a href="/the-square/#comment-3">выше</a></p>',
      }),
      postTitle: 'What happened on the square',
      postPath: '/the-square/',
    },
    {
      comment: sample.comment(3, { authorName: '', authorEmail: 'secret@example.org' }),
      postTitle: 'What happened on the square',
      postPath: '/the-square/',
    },
  ];

  it.each(FORMATS)('titles each comment in the site’s language and links to it (%s)', (format) => {
    const body = renderFeed(commentsFeed(place({ scope: { kind: 'comments' } }, 'ru'), entries), format);
    expect(problemsOf(body, format)).toEqual([]);
    const feed = readFeed(body, format);
    expect(feed.title).toBe('Комментарии на сайте «Dispatches»');
    expect(feed.items.map((i) => i.title)).toEqual([
      'Комментарий к записи «What happened on the square» от Ерлан',
      'Комментарий к записи «What happened on the square» от Аноним',
    ]);
    expect(feed.items[0]!.url).toBe('https://example.org/the-square/#comment-7');
    expect(feed.items[0]!.content).toContain('href="https://example.org/the-square/#comment-3"');
    expect(feed.items[0]!.authors).toEqual(['Ерлан']);
  });

  it('never lets a reader’s email out, in any format', () => {
    for (const format of FORMATS) {
      const body = renderFeed(commentsFeed(place({ scope: { kind: 'comments' } }), entries), format);
      expect(body).not.toContain('erlan@example.kz');
      expect(body).not.toContain('secret@example.org');
    }
  });

  it('names a post’s comment feed after the post, in English and Kazakh', () => {
    const scope = { kind: 'post-comments' as const, title: 'The square' };
    expect(readFeed(renderFeed(commentsFeed(place({ scope }), entries), 'rss'), 'rss').title).toBe(
      'Comments on “The square”',
    );
    const kk = readFeed(renderFeed(commentsFeed(place({ scope }, 'kk'), entries), 'atom'), 'atom');
    expect(kk.title).toBe('«The square» жазбасына пікірлер');
    expect(kk.items[0]!.title).toBe('«What happened on the square» жазбасына Ерлан қалдырған пікір');
  });
});

describe('archive feeds', () => {
  it('say which archive they follow', () => {
    const scope = { kind: 'tag' as const, name: 'Выборы', description: 'Всё о выборах' };
    const feed = postsFeed(place({ scope, homePath: '/tag/%D0%B2/' }), posts());
    expect(feed.title).toBe('Dispatches – Tag: Выборы');
    expect(feed.description).toBe('Всё о выборах');
    expect(feed.homeUrl).toBe('https://example.org/tag/%D0%B2/');
  });
});

describe('itemId', () => {
  it('mints a tag: URI from the host and the creation day, or falls back to the URL', () => {
    const day = new Date('2024-03-03T23:59:59Z');
    expect(itemId('https://Example.ORG:8443', day, 'post-1', 'u')).toBe('tag:example.org,2024-03-03:post-1');
    expect(itemId('http://127.0.0.1:8080', day, 'post-1', 'u')).toBe('tag:127.0.0.1,2024-03-03:post-1');
    expect(itemId('http://[::1]:8080', day, 'post-1', 'http://[::1]:8080/a/')).toBe('http://[::1]:8080/a/');
  });
});
