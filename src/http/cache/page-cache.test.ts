import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editComment } from '../../core/comments/edit.ts';
import { moderateComment } from '../../core/comments/moderation.ts';
import type { SiteEvent } from '../../core/events/events.ts';
import { FixedClock } from '../../core/ports/clock.ts';
import { readPostDraft } from '../../core/posts/post-file.ts';
import { publishPost } from '../../core/posts/publish.ts';
import { publishDuePosts, closeExpiredComments } from '../../core/posts/schedule.ts';
import { changePostStatus, deletePost } from '../../core/posts/status.ts';
import { changeSettings } from '../../core/site/change-settings.ts';
import { ensureWelcomeContent } from '../../core/site/welcome.ts';
import { dispatchOutbox } from '../../jobs/dispatch.ts';
import { makeTestSite, type TestSite } from '../../../test/support/site.ts';
import { issueFormToken } from '../comments/form-token.ts';
import type { PageCache } from './page-cache.ts';

const ORIGIN = 'http://localhost';

/**
 * The page cache as readers meet it, through the whole app: what is kept and how it is sent, what
 * each kind of change forgets, and that nothing one reader sees of their own reaches another.
 */
describe('the page cache over HTTP', () => {
  let t: TestSite;
  let clock: FixedClock;
  let cache: PageCache;
  let welcomeId: number;
  let ids: Record<string, number>;

  const publish = async (meta: Record<string, unknown>, body = 'Text of the essay.') => {
    const draft = readPostDraft(meta, body);
    if (!draft.ok) throw new Error(draft.error.join('; '));
    const result = await publishPost({ ...t.site.core, images: t.site.images }, draft.value, null);
    if (!result.ok) throw new Error(result.error.type);
    return result.value.post;
  };

  /** What the worker does on every instance: the outbox's events told through the signals. */
  const dispatch = async () => {
    await dispatchOutbox(t.site.core.storage, {}, t.site.signals, clock.now());
    // The page cache resolves each event (a neighbour may need a query) before forgetting.
    await new Promise((resolve) => setTimeout(resolve, 50));
  };
  const get = (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers });
  const html = async (path: string, headers: Record<string, string> = {}) =>
    (await get(path, headers)).text();

  /** Renders of the app so far; a page served from the cache renders nothing. */
  const renders = () => cache.renders;
  /** Warms `paths`, runs `change`, and says which of them were rendered again afterwards. */
  async function renderedAgain(paths: string[], change: () => Promise<unknown>): Promise<string[]> {
    for (const path of paths) await get(path);
    for (const path of paths) await get(path);
    await change();
    await dispatch();
    const again: string[] = [];
    for (const path of paths) {
      const before = renders();
      await get(path);
      if (renders() > before) again.push(path);
    }
    return again;
  }

  const submit = async (fields: Record<string, string>, headers: Record<string, string> = {}) => {
    const token = issueFormToken(t.services.secret, welcomeId, clock.now());
    clock.advance(10_000);
    const body = new URLSearchParams({ post_id: String(welcomeId), token, ...fields });
    return t.app.request('/comments', {
      method: 'POST',
      body,
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  };

  beforeAll(async () => {
    clock = new FixedClock(new Date('2026-11-28T10:00:00Z'));
    t = await makeTestSite('sqlite', {
      clock,
      env: { PAGE_CACHE: 'on' },
      settings: { commentMinFillSeconds: 1, commentRateLimit: 1000 },
    });
    cache = t.services.pageCache!;
    await t.site.signals.start();
    await ensureWelcomeContent(t.site.core);
    welcomeId = (await t.site.core.storage.posts.findBySlug('welcome'))!.id;
    const courts = await publish({ title: 'Courts', date: '2026-01-01T10:00:00Z', tags: ['courts'] });
    const press = await publish({ title: 'Press', date: '2026-01-02T10:00:00Z', tags: ['press'] });
    ids = { courts: courts.id, press: press.id };
    await dispatch();
  });
  afterAll(async () => t?.close());

  it('renders a page once and then answers from memory, the same bytes, with headers for a CDN', async () => {
    const first = await get('/welcome/');
    const before = renders();
    const second = await get('/welcome/');
    expect(renders()).toBe(before);
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get('cache-control')).toBe(
      'public, max-age=0, s-maxage=60, stale-while-revalidate=60',
    );
    expect(second.headers.get('vary')).toBe('Accept-Encoding, Cookie');
    expect(second.headers.get('cache-tag')!.split(',')).toEqual(
      expect.arrayContaining([`post:${welcomeId}`, 'site']),
    );
    expect(second.headers.get('surrogate-key')).toBe(second.headers.get('cache-tag')!.replaceAll(',', ' '));
    // The security headers the app adds are kept with the page.
    expect(second.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(second.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('sends brotli or gzip by Accept-Encoding, each with its own strong ETag', async () => {
    const plain = await get('/welcome/');
    const body = Buffer.from(await plain.arrayBuffer());
    const br = await get('/welcome/', { 'accept-encoding': 'gzip, deflate, br' });
    const gz = await get('/welcome/', { 'accept-encoding': 'gzip' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer()))).toEqual(body);
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer()))).toEqual(body);
    const tags = [plain, br, gz].map((r) => r.headers.get('etag')!);
    expect(new Set(tags).size).toBe(3);
    for (const tag of tags) expect(tag).toMatch(/^"[^"]+"$/);
    expect(Number(br.headers.get('content-length'))).toBeLessThan(body.length / 2);
  });

  it('answers 304 to If-None-Match with the tag of the encoding it would send', async () => {
    const br = await get('/welcome/', { 'accept-encoding': 'br' });
    const etag = br.headers.get('etag')!;
    const again = await get('/welcome/', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect((await get('/welcome/', { 'accept-encoding': 'gzip', 'if-none-match': etag })).status).toBe(200);
    expect((await get('/welcome/', { 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it('keeps feeds too, by the same rules', async () => {
    await get('/feed/');
    const before = renders();
    const feed = await get('/feed/', { 'accept-encoding': 'gzip' });
    expect(renders()).toBe(before);
    expect(feed.headers.get('content-type')).toMatch(/^application\/rss\+xml/);
    expect(feed.headers.get('cache-tag')).toContain('feed:site');
  });

  it('shows a guest their own held comment, outside the cache, and never to another reader', async () => {
    await get('/welcome/'); // kept, as anonymous readers see it
    const posted = await Promise.all(
      ['Анна', 'Борис'].map((author, i) =>
        submit({ author, email: `reader${i}@example.org`, comment: `Held words of ${author}` }),
      ),
    );
    const cookies = posted.map((r) => {
      expect(r.status).toBe(303);
      return r.headers.get('set-cookie')!.split(';')[0]!;
    });
    await dispatch();
    const [anna, boris] = (await Promise.all(cookies.map((cookie) => get('/welcome/', { cookie })))) as [
      Response,
      Response,
    ];
    expect(anna.headers.get('cache-control')).toBe('private, no-store');
    const [annaPage, borisPage] = [await anna.text(), await boris.text()];
    expect(annaPage).toContain('Held words of Анна');
    expect(annaPage).not.toContain('Held words of Борис');
    expect(borisPage).toContain('Held words of Борис');
    expect(borisPage).not.toContain('Held words of Анна');
    // Nobody else sees either, and the kept page holds neither.
    const anonymous = await html('/welcome/', { 'accept-encoding': 'br' }).then(() => html('/welcome/'));
    expect(anonymous).not.toContain('Held words');
    expect(cache.store.get('/welcome/')!.bodies.identity.toString()).not.toContain('Held words');
  });

  it('sends requests with state of their own to the application', async () => {
    await get('/welcome/');
    const before = renders();
    const answers = await Promise.all([
      get('/welcome/?replytocom=1'),
      get('/welcome/', { authorization: 'Bearer x' }),
      get('/welcome/', { cookie: 'samizdat_own=forged' }),
    ]);
    // Each was answered by the app itself (its own Cache-Control), and none replaced the kept page.
    for (const answer of answers) expect(answer.headers.get('cache-control')).toBe('public, no-cache');
    expect(renders()).toBe(before);
    expect(cache.store.get('/welcome/')).toBeDefined();
    // A cookie that is not ours says nothing about the reader.
    const other = await get('/welcome/', { cookie: 'theme=dark' });
    expect(other.headers.get('cache-control')).toContain('s-maxage');
  });

  it('never keeps a refused form, a 404 or a redirect', async () => {
    const refused = await submit({ author: '', email: '', comment: '' });
    expect(refused.status).toBe(422);
    expect((await get('/no-such-page/')).status).toBe(404);
    expect(cache.store.get('/no-such-page/')).toBeUndefined();
  });

  it('forgets a post and the listings showing it when a comment is approved, edited or removed', async () => {
    const posted = await submit({ author: 'Dana', email: 'dana@example.org', comment: 'Approved later.' });
    const id = Number(posted.headers.get('location')!.split('-').pop());
    await dispatch();
    const paths = ['/welcome/', '/', '/courts/', '/comments/feed/', '/welcome/feed/'];
    const approve = () => moderateComment(t.site.core, id, 'approve');
    expect(await renderedAgain(paths, approve)).toEqual([
      '/welcome/',
      '/',
      '/comments/feed/',
      '/welcome/feed/',
    ]);
    expect(await html('/welcome/')).toContain('Approved later.');

    const edit = () => editComment(t.site.core, id, 'Approved, then corrected.');
    expect(await renderedAgain(paths, edit)).toContain('/welcome/');
    expect(await html('/welcome/')).toContain('Approved, then corrected.');

    const trash = () => moderateComment(t.site.core, id, 'trash');
    expect(await renderedAgain(paths, trash)).toContain('/welcome/');
    expect(await html('/welcome/')).not.toContain('Approved, then corrected.');

    const restore = () => moderateComment(t.site.core, id, 'approve');
    expect(await renderedAgain(paths, restore)).toContain('/welcome/');
    const remove = () => moderateComment(t.site.core, id, 'delete');
    expect(await renderedAgain(paths, remove)).toEqual([
      '/welcome/',
      '/',
      '/comments/feed/',
      '/welcome/feed/',
    ]);
    expect(await html('/welcome/')).not.toContain('Approved, then corrected.');
  });

  it('forgets nothing when a held comment changes', async () => {
    const posted = await submit({ author: 'Eve', email: 'eve@example.org', comment: 'Still held.' });
    const id = Number(posted.headers.get('location')!.split('-').pop());
    const paths = ['/welcome/', '/'];
    expect(await renderedAgain(paths, () => moderateComment(t.site.core, id, 'spam'))).toEqual([]);
  });

  it('forgets the pages a post is on when it is published, edited, scheduled into view or unpublished', async () => {
    const paths = ['/', '/courts/', '/press/', '/tag/courts/', '/feed/', '/welcome/'];
    const fresh = () => publish({ title: 'Verdict', date: '2026-01-03T10:00:00Z', tags: ['courts'] });
    const published = await renderedAgain(paths, fresh);
    // The home page, the tag it is in, the site's feed and its new neighbour ('Press', just before it).
    expect(published).toEqual(expect.arrayContaining(['/', '/tag/courts/', '/feed/', '/press/']));
    expect(await html('/')).toContain('Verdict');

    const edit = () =>
      publish({
        title: 'Verdict, corrected',
        slug: 'verdict',
        date: '2026-01-03T10:00:00Z',
        tags: ['courts'],
      });
    expect(await renderedAgain(['/', '/verdict/', '/tag/courts/'], edit)).toEqual([
      '/',
      '/verdict/',
      '/tag/courts/',
    ]);
    expect(await html('/verdict/')).toContain('Verdict, corrected');

    const verdict = (await t.site.core.storage.posts.findBySlug('verdict'))!;
    const unpublish = () => changePostStatus(t.site.core, verdict.id, 'draft');
    expect(await renderedAgain(['/', '/verdict/', '/press/'], unpublish)).toEqual([
      '/',
      '/verdict/',
      '/press/',
    ]);
    expect((await get('/verdict/')).status).toBe(404);

    const gone = await publish({ title: 'Gone', date: '2026-01-04T10:00:00Z', tags: ['press'] });
    await dispatch();
    expect(await html('/')).toContain('Gone');
    const remove = () => deletePost(t.site.core, gone.id);
    expect(await renderedAgain(['/', '/tag/press/', '/courts/'], remove)).toEqual(['/', '/tag/press/']);
    expect(await html('/')).not.toContain('Gone');

    await publish({ title: 'Tomorrow', date: '2026-11-29T10:00:00Z', tags: ['press'] });
    await dispatch();
    expect(await html('/')).not.toContain('Tomorrow');
    const due = async () => {
      clock.advance(25 * 3600 * 1000);
      await publishDuePosts(t.site.core, clock.now());
    };
    expect(await renderedAgain(['/', '/tag/press/'], due)).toEqual(['/', '/tag/press/']);
    expect(await html('/')).toContain('Tomorrow');
  });

  it('forgets a post when its comments close, every page when a shown setting changes, none for a private one', async () => {
    const paths = ['/', '/welcome/', '/courts/'];
    const rules = () => changeSettings(t.site.core, { holdLinkCount: 3 });
    expect(await renderedAgain(paths, rules)).toEqual([]);
    const title = () => changeSettings(t.site.core, { title: 'Степные новости' });
    expect(await renderedAgain(paths, title)).toEqual(paths);
    expect(await html('/courts/')).toContain('Степные новости');

    await changeSettings(t.site.core, { closeCommentsAfterDays: 30 });
    await dispatch();
    const close = () => closeExpiredComments(t.site.core, clock.now());
    expect(await renderedAgain(['/courts/', '/welcome/'], close)).toContain('/courts/');
  });

  it('forgets what a renamed term, a renamed author or an import shows', async () => {
    const courts = (await t.site.core.storage.terms.list('tag')).find((term) => term.slug === 'courts');
    const event = async (e: SiteEvent) => t.site.core.storage.transaction((tx) => tx.outbox.add(e));
    const term: SiteEvent = {
      type: 'term.changed',
      termId: courts!.id,
      taxonomy: 'tag',
      before: { slug: 'courts', name: 'Courts' },
      after: { slug: 'courts', name: 'The courts' },
    };
    const paths = ['/tag/courts/', '/courts/', '/press/'];
    expect(await renderedAgain(paths, () => event(term))).toEqual(['/tag/courts/', '/courts/']);
    const author = (await t.site.core.storage.posts.findById(ids.courts!))!.authorId;
    const renamed: SiteEvent = { type: 'user.changed', userId: author, keys: ['displayName'] };
    expect(await renderedAgain(paths, () => event(renamed))).toEqual(paths);
    const imported: SiteEvent = {
      type: 'import.batch',
      source: 'https://old.example',
      postIds: [],
      commentedPostIds: [],
      visible: true,
    };
    expect(await renderedAgain(paths, () => event(imported))).toEqual(paths);
  });

  it('renders a page once for a burst of comments, however many readers ask at once', async () => {
    await get('/welcome/');
    const approvals: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      const posted = await submit({
        author: `Burst ${i}`,
        email: `burst${i}@example.org`,
        comment: `Burst ${i}`,
      });
      const id = Number(posted.headers.get('location')!.split('-').pop());
      approvals.push(moderateComment(t.site.core, id, 'approve'));
    }
    await Promise.all(approvals);
    await dispatch();
    const before = renders();
    const pages = await Promise.all(Array.from({ length: 30 }, () => html('/welcome/')));
    expect(renders() - before).toBe(1);
    for (const page of pages) expect(page).toContain('Burst 19');
  });
});
