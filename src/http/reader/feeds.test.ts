import { changeSettings } from '../../core/site/change-settings.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewComment } from '../../core/comments/comment.ts';
import { FixedClock } from '../../core/ports/clock.ts';
import { postPath } from '../../core/posts/permalink.ts';
import type { NewPost, Post, PostQuery } from '../../core/posts/post.ts';
import type { Media } from '../../core/site/media.ts';
import type { FeedFormat } from '../../render/feeds/model.ts';
import { readFeed, type ReadFeed } from '../../../test/support/feeds/reader.ts';
import { checkJsonFeed, checkXmlFeed } from '../../../test/support/feeds/validator.ts';
import { postgresAvailability } from '../../../test/support/postgres.ts';
import { makeTestSite, type Dialect, type TestSite } from '../../../test/support/site.ts';

const BASE = 'http://localhost';
const NOW = new Date('2026-03-01T12:00:00Z');
const DAY = 86_400_000;
const pg = await postgresAvailability();

const TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};
const formatOf = (path: string): FeedFormat =>
  /atom\/$/.test(path) ? 'atom' : /json/.test(path) ? 'json' : 'rss';
const seconds = (d: Date): number => Math.floor(d.getTime() / 1000) * 1000;
const TAG = '/tag/%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B/';

describe.each<Dialect>(['sqlite', 'postgres'])('feeds over HTTP (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;
  let clock: FixedClock;
  let photo: Media;
  let essay: Post;
  let hidden: Post;

  const storage = () => t.site.core.storage;
  const get = (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers });

  const post = (fields: Partial<NewPost>): Promise<Post> =>
    storage().posts.create({
      type: 'post',
      status: 'published',
      slug: 'post',
      title: 'Post',
      source: '',
      html: '<p>Text</p>',
      excerpt: '',
      authorId: 1,
      image: null,
      commentStatus: 'open',
      sticky: false,
      publishedAt: new Date(NOW.getTime() - DAY),
      ...fields,
    });

  const comment = (fields: Partial<NewComment> & Pick<NewComment, 'postId'>) =>
    storage().comments.create({
      parentId: null,
      kind: 'comment',
      status: 'approved',
      authorName: 'Ерлан',
      authorEmail: 'erlan@example.kz',
      authorUrl: '',
      identityId: null,
      source: '',
      html: '<p>Согласен.</p>',
      ipHash: 'hash',
      notifyReplies: false,
      notifyPosts: false,
      heldReason: '',
      createdAt: new Date(NOW.getTime() - DAY / 2),
      ...fields,
    });

  beforeAll(async () => {
    if (skip) return;
    clock = new FixedClock(NOW);
    t = await makeTestSite(dialect, { clock, settings: { title: 'Самиздат', timezone: 'Asia/Almaty' } });
    const s = storage();
    const author = await s.users.create({
      login: 'aigerim',
      email: 'aigerim@example.kz',
      displayName: 'Айгерим',
      bio: 'Пишет о судах.',
      role: 'owner',
      passwordHash: null,
    });
    photo = await s.media.create({
      path: '2026/02/площадь.jpg',
      mime: 'image/jpeg',
      width: 1600,
      height: 900,
      bytes: 123_456,
      variants: [],
    });
    const tag = await s.terms.ensure({
      taxonomy: 'tag',
      slug: 'выборы',
      name: 'Выборы',
      parentId: null,
      description: '',
    });
    const category = await s.terms.ensure({
      taxonomy: 'category',
      slug: 'analysis',
      name: 'Analysis',
      parentId: null,
      description: 'Long reads',
    });
    essay = await post({
      slug: 'выборы-2026',
      title: 'Выборы & «право» <на голос>',
      html: '<p>См. <a href="/second/">вторую</a> и <a href="#notes">примечания</a>.</p><p><img src="/media/2026/02/x.jpg" alt=""></p>',
      excerpt: 'О выборах.',
      authorId: author.id,
      image: { mediaId: photo.id, alt: 'Площадь', caption: 'Площадь в полдень.', credit: 'А. Читатель' },
      publishedAt: new Date('2026-02-28T18:30:15Z'),
    });
    const second = await post({
      slug: 'second',
      title: 'Second',
      authorId: author.id,
      publishedAt: new Date('2026-02-27T09:00:00Z'),
    });
    await s.posts.setTerms(essay.id, [tag.id, category.id]);
    await s.posts.setTerms(second.id, [category.id]);
    await post({ slug: 'draft', title: 'Draft', status: 'draft' });
    await post({ slug: 'future', title: 'Future', publishedAt: new Date(NOW.getTime() + DAY) });
    hidden = await post({ slug: 'private', title: 'Private', status: 'private' });
    await comment({
      postId: essay.id,
      html: '<p>Первый, см. <a href="/second/">тут</a></p>',
      authorUrl: 'https://erlan.example/',
    });
    await comment({ postId: essay.id, status: 'pending', html: '<p>Held</p>' });
    await comment({ postId: essay.id, status: 'spam', html: '<p>Spam</p>' });
    await comment({
      postId: second.id,
      authorName: '',
      authorEmail: 'anon@example.org',
      createdAt: new Date(NOW.getTime() - DAY / 4),
    });
    await comment({ postId: hidden.id, html: '<p>Under a private post</p>' });
    await s.aliases.put('/2026/02/28/vybory/', essay.id);
  });
  afterAll(async () => t?.close());

  const essayPath = () => postPath(essay, '/:slug/');

  /** Every feed URL, with what the database says it must contain. */
  const expectedPosts = async (query: Omit<PostQuery, 'limit' | 'offset'>) =>
    (await storage().posts.list({ ...query, limit: 20, offset: 0 }, clock.now())).items;

  const fetchFeed = async (path: string): Promise<{ body: string; feed: ReadFeed; res: Response }> => {
    const res = await get(path);
    expect(res.status, path).toBe(200);
    const format = formatOf(path);
    expect(res.headers.get('content-type')).toBe(TYPES[format]);
    const body = await res.text();
    const problems = format === 'json' ? checkJsonFeed(body) : checkXmlFeed(body);
    expect(problems, path).toEqual([]);
    return { body, feed: readFeed(body, format), res };
  };

  const POST_FEEDS: [string, () => Promise<Omit<Post, 'source'>[]>][] = [
    ['/feed/', () => expectedPosts({})],
    ['/feed/rss2/', () => expectedPosts({})],
    ['/feed/atom/', () => expectedPosts({})],
    ['/feed.json', () => expectedPosts({})],
    [`${TAG}feed/`, () => expectedPosts({ tag: 'выборы' })],
    [`${TAG}feed/atom/`, () => expectedPosts({ tag: 'выборы' })],
    ['/category/analysis/feed/', () => expectedPosts({ category: 'analysis' })],
    ['/category/analysis/feed/json/', () => expectedPosts({ category: 'analysis' })],
    ['/author/aigerim/feed/', async () => expectedPosts({ authorId: essay.authorId })],
    ['/author/aigerim/feed/atom/', async () => expectedPosts({ authorId: essay.authorId })],
  ];

  it.skipIf(skip)('serves every posts feed with the database’s public posts, newest first', async () => {
    for (const [path, expected] of POST_FEEDS) {
      const { feed } = await fetchFeed(path);
      const posts = await expected();
      expect(posts.length, path).toBeGreaterThan(0);
      expect(
        feed.items.map((i) => i.title),
        path,
      ).toEqual(posts.map((p) => p.title));
      expect(feed.items.map((i) => i.url)).toEqual(posts.map((p) => BASE + postPath(p, '/:slug/')));
      expect(feed.items.map((i) => i.published.getTime())).toEqual(posts.map((p) => seconds(p.publishedAt)));
      for (const item of feed.items) expect(item.content, path).toMatch(/<p>/);
      expect(feed.items.map((i) => i.title)).not.toContain('Draft');
    }
  });

  it.skipIf(skip)(
    'writes the essay with absolute URLs, its author, terms and photo from the Media record',
    async () => {
      for (const path of ['/feed/', '/feed/atom/', '/feed.json']) {
        const { feed } = await fetchFeed(path);
        expect(feed.selfUrl).toBe(BASE + path);
        const item = feed.items[0]!;
        expect(item.title).toBe('Выборы & «право» <на голос>');
        expect(item.url).toBe(`${BASE}/%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B-2026/`);
        expect(item.published.toISOString()).toBe('2026-02-28T18:30:15.000Z');
        expect(item.authors).toEqual(['Айгерим']);
        expect(item.categories.sort()).toEqual(['Analysis', 'Выборы']);
        expect(item.content).toContain(`<a href="${BASE}/second/">вторую</a>`);
        expect(item.content).toContain(`href="${item.url}#notes"`);
        expect(item.content).toContain(`src="${BASE}/media/2026/02/x.jpg"`);
        expect(item.content).toContain('Площадь в полдень. Photo: А. Читатель');
        expect(item.enclosure).toEqual({
          url: `${BASE}/media/2026/02/%D0%BF%D0%BB%D0%BE%D1%89%D0%B0%D0%B4%D1%8C.jpg`,
          type: 'image/jpeg',
          length: 123_456,
        });
      }
    },
  );

  it.skipIf(skip)('lists approved comments under public posts only, and never an email', async () => {
    for (const path of ['/comments/feed/', '/comments/feed/atom/', '/comments/feed/json/']) {
      const { feed, body } = await fetchFeed(path);
      expect(feed.title).toBe('Comments for Самиздат');
      expect(feed.items.map((i) => i.title)).toEqual([
        'Comment on Second by Anonymous',
        'Comment on Выборы & «право» <на голос> by Ерлан',
      ]);
      expect(feed.items[1]!.url).toMatch(new RegExp(`^${BASE}/%D0%B2.*/#comment-\\d+$`));
      expect(feed.items[1]!.content).toContain(`href="${BASE}/second/"`);
      expect(body).not.toMatch(/example\.kz|example\.org|Held|Spam|private post/);
    }
    const { feed } = await fetchFeed(`${essayPath()}feed/atom/`);
    const approved = await storage().comments.forPost(essay.id, []);
    expect(feed.title).toBe('Comments on “Выборы & «право» <на голос>”');
    expect(feed.items.map((i) => i.url)).toEqual(
      approved.map((c) => `${BASE}${essayPath()}#comment-${c.id}`),
    );
    expect(feed.items.map((i) => i.published.getTime())).toEqual(approved.map((c) => seconds(c.createdAt)));
    await fetchFeed(`${essayPath()}feed/`);
  });

  it.skipIf(skip)(
    'answers WordPress’s other feed addresses, moving query forms to the canonical URL',
    async () => {
      const moved = async (path: string) => {
        const res = await get(path);
        expect(res.status, path).toBe(301);
        return res.headers.get('location');
      };
      expect(await moved('/?feed=rss2')).toBe('/feed/');
      expect(await moved('/?feed=atom')).toBe('/feed/atom/');
      expect(await moved('/?feed=comments-rss2')).toBe('/comments/feed/');
      expect(await moved(`/?p=${essay.id}&feed=rss2`)).toBe(`${essayPath()}feed/`);
      expect(await moved('/?tag=выборы&feed=atom')).toBe(`${TAG}feed/atom/`);
      expect(await moved('/feed')).toBe('/feed/');
      expect(await moved('/2026/02/28/vybory/feed/')).toBe(`${essayPath()}feed/`);
      expect(await moved('/%d0%b2%d1%8b%d0%b1%d0%be%d1%80%d1%8b-2026/feed/atom/')).toBe(
        `${essayPath()}feed/atom/`,
      );
      await fetchFeed('/comments/feed/rss2/');
    },
  );

  it.skipIf(skip)('follows a dated permalink template to the post’s comment feed', async () => {
    const template = '/:year/:month/:day/:slug/';
    await changeSettings(t.site.core, { permalink: template });
    try {
      const dated = postPath(essay, template);
      expect(dated).toBe('/2026/02/28/%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B-2026/');
      const { feed } = await fetchFeed(`${dated}feed/atom/`);
      expect(feed.homeUrl).toBe(BASE + dated);
      const res = await get(`${essayPath()}feed/atom/`);
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe(`${dated}feed/atom/`);
    } finally {
      await changeSettings(t.site.core, { permalink: '/:slug/' });
    }
  });

  it.skipIf(skip)('still answers with the feed when the URL carries junk parameters', async () => {
    const clean = await (await get('/feed/')).text();
    const res = await get('/feed/?utm_source=x&feed=atom&paged=99&%ff=%00');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(clean);
    expect((await get(`${TAG}feed/?s=<script>`)).status).toBe(200);
  });

  it.skipIf(skip)(
    'gives the site’s 404 page for unknown tags, categories, authors, posts and feed kinds',
    async () => {
      for (const path of [
        '/tag/nope/feed/',
        '/tag/nope/feed/atom/',
        '/category/nope/feed/',
        '/author/nope/feed/',
        '/nope/feed/',
        `/draft/feed/`,
        '/private/feed/',
        '/?feed=bogus',
        '/?p=99999&feed=rss2',
      ]) {
        const res = await get(path);
        expect(res.status, path).toBe(404);
        expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      }
    },
  );

  it.skipIf(skip)('sends excerpts only when the setting says so', async () => {
    await changeSettings(t.site.core, { feedFullText: false });
    try {
      for (const path of ['/feed/', '/feed/atom/', '/feed.json']) {
        const { feed, body } = await fetchFeed(path);
        expect(feed.items[0]!.content).toBeUndefined();
        expect(body).toContain('О выборах.');
        expect(body).not.toContain('вторую');
      }
    } finally {
      await changeSettings(t.site.core, { feedFullText: true });
    }
  });

  it.skipIf(skip)('advertises the feeds in every page’s head, and each archive its own', async () => {
    const home = await (await get('/')).text();
    expect(home).toContain(
      '<link rel="alternate" type="application/rss+xml" title="Самиздат feed" href="/feed/">',
    );
    expect(home).toContain('type="application/atom+xml"');
    expect(home).toContain('href="/feed.json"');
    expect(await (await get(TAG)).text()).toContain(`href="${TAG}feed/"`);
    expect(await (await get('/author/aigerim/')).text()).toContain('href="/author/aigerim/feed/"');
    expect(await (await get(essayPath())).text()).toContain(`href="${essayPath()}feed/"`);
  });

  it.skipIf(skip)(
    'answers a reader who has the feed already with 304, and with 200 once it changes',
    async () => {
      const first = await get('/feed/');
      const etag = first.headers.get('etag')!;
      const lastModified = first.headers.get('last-modified')!;
      expect(etag).toMatch(/^"[\w-]{20,}"$/);
      expect(first.headers.get('cache-control')).toBe('public, max-age=300');
      expect(new Date(lastModified).getTime()).toBe(
        seconds(essay.updatedAt > essay.publishedAt ? essay.updatedAt : essay.publishedAt),
      );

      const again = await get('/feed/', { 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
      expect((await get('/feed/', { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
      expect((await get('/feed/', { 'if-modified-since': lastModified })).status).toBe(304);
      expect(
        (await get('/feed/', { 'if-none-match': '"stale"', 'if-modified-since': lastModified })).status,
      ).toBe(200);

      clock.advance(60_000);
      await post({ slug: 'breaking', title: 'Breaking', publishedAt: clock.now() });
      const changed = await get('/feed/', { 'if-none-match': etag, 'if-modified-since': lastModified });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
      expect(readFeed(await changed.text(), 'rss').items[0]!.title).toBe('Breaking');
    },
  );
});
