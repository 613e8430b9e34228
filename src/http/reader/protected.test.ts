import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../core/posts/post.ts';
import { postgresAvailability } from '../../../test/support/postgres.ts';
import { makeTestSite, type Dialect, type TestSite } from '../../../test/support/site.ts';

const pg = await postgresAvailability();
const ORIGIN = 'http://localhost';
const PASSWORD = 'Tulpar-7731';
/** Words of the protected post and its discussion that no reader without the password may see. */
const SECRET_WORDS = ['сокровенный', 'Konfidenziell', 'whispered-reply'];

describe.each<Dialect>(['sqlite', 'postgres'])('a password-protected post (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;
  let locked: Post;

  const get = (path: string, cookie = '') => t.app.request(path, { headers: cookie ? { cookie } : {} });
  const unlock = (password: string, headers: Record<string, string> = {}, postId = String(locked.id)) =>
    t.app.request('/unlock', {
      method: 'POST',
      body: new URLSearchParams({ post_id: postId, post_password: password }),
      headers: {
        origin: ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': headers.ip ?? '198.51.100.1',
        ...headers,
      },
    });
  const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  /** None of the post's words nor its password; a search page says back what was searched for. */
  const hidesEverything = (body: string, where: string) => {
    const asked = new URL(where, ORIGIN).searchParams.get('s');
    for (const word of [...SECRET_WORDS, PASSWORD].filter((w) => w !== asked))
      expect(body, `${word} in ${where}`).not.toContain(word);
  };

  beforeAll(async () => {
    if (skip) return;
    t = await makeTestSite(dialect, { env: { TRUST_PROXY: '1' } });
    const author = await t.site.core.storage.users.create({
      login: 'writer',
      email: 'writer@example.org',
      displayName: 'Writer',
      bio: '',
      role: 'owner',
      passwordHash: null,
    });
    locked = await t.site.core.storage.posts.create({
      type: 'post',
      status: 'published',
      slug: 'behind-a-password',
      title: 'Behind a password',
      source: '',
      format: 'html',
      html: '<p>Этот сокровенный текст. Konfidenziell.</p>',
      excerpt: 'Konfidenziell excerpt',
      authorId: author.id,
      image: null,
      commentStatus: 'open',
      sticky: false,
      publishedAt: new Date(Date.now() - 60_000),
      password: PASSWORD,
    });
    await t.site.core.storage.comments.create({
      postId: locked.id,
      parentId: null,
      kind: 'comment',
      status: 'approved',
      authorName: 'Friend',
      authorEmail: 'friend@example.org',
      authorUrl: '',
      identityId: null,
      source: 'a whispered-reply',
      html: '<p>a whispered-reply</p>',
      ipHash: '',
      notifyReplies: false,
      notifyPosts: false,
      heldReason: '',
      createdAt: new Date(),
    });
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)('stays at its address with its title and the password form, and nothing of its text', async () => {
    const res = await get('/behind-a-password/');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    const html = await res.text();
    expect(html).toContain('<h1>Protected: Behind a password</h1>');
    expect(html).toContain('This content is password protected. To view it please enter your password below:');
    expect(html).toMatch(/<form action="\/unlock" class="post-password-form" method="post">/);
    expect(html).toContain(`name="post_id" value="${locked.id}"`);
    expect(html).not.toContain('id="commentform"');
    hidesEverything(html, 'the locked page');
  });

  it.skipIf(skip)('shows only its title and a notice in listings, feeds, search and the sitemap', async () => {
    for (const path of ['/', '/feed/', '/feed/atom/', '/feed.json', '/comments/feed/', '/behind-a-password/feed/', '/sitemap.xml', '/?s=Konfidenziell', '/?s=behind']) {
      const res = await get(path);
      const body = await res.text();
      expect(res.status, path).toBeLessThan(400);
      hidesEverything(body, path);
    }
    const home = await (await get('/')).text();
    expect(home).toContain('>Protected: Behind a password</a>');
    expect(home).toContain('This content is password protected.');
    expect(await (await get('/feed/')).text()).toContain('This content is password protected.');
    expect(await (await get('/?s=behind')).text()).toContain('This content is password protected.');
    // Found by a word of its text, as in WordPress, but the word is shown nowhere but the search box.
    const found = await (await get('/?s=Konfidenziell')).text();
    expect(found).toContain('Behind a password');
    expect(found).not.toContain('<mark>');
  });

  it.skipIf(skip)('refuses a wrong password, a form from elsewhere, and a comment before unlocking', async () => {
    const wrong = await unlock('tulpar-7731');
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const body = await wrong.text();
    expect(body).toContain('That password is not the right one.');
    hidesEverything(body, 'the refusal');

    const elsewhere = await unlock(PASSWORD, { origin: 'http://evil.example' });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.headers.get('set-cookie')).toBeNull();

    const comment = await t.app.request('/comments', {
      method: 'POST',
      body: new URLSearchParams({ post_id: String(locked.id), comment: 'hi', author: 'A', email: 'a@example.org' }),
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(comment.status).toBe(403);
    expect(await t.site.core.storage.comments.count()).toBe(1); // the friend's alone
  });

  it.skipIf(skip)('unlocks for the reader who has the password: a personal page with its text and discussion', async () => {
    const res = await unlock(PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/behind-a-password/');
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/^samizdat_unlocked=/);
    expect(cookie).not.toContain(PASSWORD);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);

    const page = await get('/behind-a-password/', cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    const html = await page.text();
    expect(html).toContain('сокровенный');
    expect(html).toContain('whispered-reply');
    expect(html).toContain('id="commentform"');
    expect(html).not.toContain(PASSWORD);

    // A cookie made by hand, or for another post, unlocks nothing.
    const forged = cookie.replace(/=(\d+)/, (_, id: string) => `=${Number(id) + 1}`);
    expect(await (await get('/behind-a-password/', forged)).text()).not.toContain('сокровенный');
  });

  it.skipIf(skip)('locks every reader out again when the password changes', async () => {
    const cookie = cookieOf(await unlock(PASSWORD, { ip: '198.51.100.2' }));
    await t.site.core.storage.posts.update(locked.id, {
      type: 'post', status: 'published', slug: locked.slug, title: locked.title, source: '', format: 'html',
      html: locked.html, excerpt: locked.excerpt, authorId: locked.authorId, image: null, commentStatus: 'open',
      sticky: false, publishedAt: locked.publishedAt, password: 'another one',
    }); // prettier-ignore
    expect(await (await get('/behind-a-password/', cookie)).text()).not.toContain('сокровенный');
  });

  it.skipIf(skip)('limits the tries one address may make, with Retry-After', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await unlock(`guess-${i}`, { ip: '203.0.113.9' })).status);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(403));
    const limited = await unlock('another one', { ip: '203.0.113.9' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toContain('Too many tries.');
  });
}); // prettier-ignore
