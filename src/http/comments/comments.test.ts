import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../core/ports/clock.ts';
import { ensureWelcomeContent } from '../../core/site/welcome.ts';
import { makeTestSite, type Dialect, type TestSite } from '../../../test/support/site.ts';
import { postgresAvailability } from '../../../test/support/postgres.ts';
import { issueFormToken } from './form-token.ts';

const ORIGIN = 'http://localhost';
const pg = await postgresAvailability();

describe.each<Dialect>(['sqlite', 'postgres'])('the discussion over HTTP (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;
  let clock: FixedClock;
  let postId: number;

  beforeAll(async () => {
    if (skip) return;
    clock = new FixedClock(new Date('2026-11-28T10:00:00Z'));
    t = await makeTestSite(dialect, { clock });
    await ensureWelcomeContent(t.site.core);
    postId = (await t.site.core.storage.posts.findBySlug('welcome'))!.id;
  });
  afterAll(async () => t?.close());

  /** A form as a browser sends it: served a while ago, from the site's own page. */
  const submit = async (fields: Record<string, string>, headers: Record<string, string> = {}) => {
    const token = issueFormToken(t.services.secret, Number(fields.post_id ?? postId), clock.now());
    clock.advance(10_000);
    const body = new URLSearchParams({ post_id: String(postId), token, ...fields });
    return t.app.request('/comments', {
      method: 'POST',
      body,
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  };
  const reader = { comment: 'Первый комментарий', author: 'Ерлан', email: 'erlan@example.kz', url: '' };
  const page = async (path: string, cookie = '') =>
    (await t.app.request(path, { headers: cookie ? { cookie } : {} })).text();

  it.skipIf(skip)('shows the welcome post with its sample comment and an open form', async () => {
    const res = await t.app.request('/welcome/');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    const html = await res.text();
    expect(html).toContain('Welcome to your new site');
    expect(html).toContain('I am a sample comment');
    expect(html).toContain('Leave a Reply');
  });

  it.skipIf(skip)(
    'holds a first comment, shows it to its author only, and publishes it once approved',
    async () => {
      const res = await submit(reader);
      expect(res.status).toBe(303);
      const location = res.headers.get('location')!;
      expect(location).toMatch(/^\/welcome\/#comment-\d+$/);
      const id = Number(location.split('-').pop());
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;

      const own = await t.app.request('/welcome/', { headers: { cookie } });
      expect(own.headers.get('cache-control')).toBe('private, no-store');
      const ownHtml = await own.text();
      expect(ownHtml).toContain('Первый комментарий');
      expect(ownHtml).toContain('Your comment is awaiting moderation.');
      expect(await page('/welcome/')).not.toContain('Первый комментарий');

      const stored = await t.site.core.storage.comments.findById(id);
      expect(stored).toMatchObject({ status: 'pending', heldReason: 'first comment from this email' });
      expect(stored!.ipHash).not.toMatch(/\d+\.\d+\.\d+\.\d+/);

      await t.site.core.storage.comments.setStatus(id, 'approved');
      expect(await page('/welcome/')).toContain('Первый комментарий');
    },
  );

  it.skipIf(skip)(
    'publishes at once a reply from a reader already approved, nested under its parent',
    async () => {
      const parent = (
        await t.site.core.storage.comments.list({ statuses: ['approved'], limit: 1, offset: 0 })
      ).items[0]!;
      const res = await submit({
        ...reader,
        comment: 'Ответ на комментарий',
        comment_parent: String(parent.id),
      });
      expect(res.status).toBe(303);
      const id = Number(res.headers.get('location')!.split('-').pop());
      expect((await t.site.core.storage.comments.findById(id))!.status).toBe('approved');
      const html = await page('/welcome/');
      const parentAt = html.indexOf(`id="comment-${parent.id}"`);
      const replyAt = html.indexOf(`id="comment-${id}"`);
      expect(parentAt).toBeGreaterThan(-1);
      expect(replyAt).toBeGreaterThan(parentAt);
      // The reply sits inside the parent's list item: no closing </li> of the parent before it.
      expect(html.slice(parentAt, replyAt)).toMatch(/<ol|<ul/);
    },
  );

  it.skipIf(skip)(
    'returns the form with messages and every typed character when fields are wrong',
    async () => {
      const before = await t.site.core.storage.comments.count();
      const res = await submit({ comment: '  ', author: 'Мария <b>', email: 'not-an-email', url: 'ftp://x' });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('value="Мария &lt;b&gt;"');
      expect(html).toContain('value="not-an-email"');
      expect(html).toContain('aria-invalid="true"');
      expect(await t.site.core.storage.comments.count()).toBe(before);
    },
  );

  it.skipIf(skip)(
    'refuses a reply to a comment of another post, a closed post and an unknown post',
    async () => {
      const other = await t.site.core.storage.posts.create({
        ...(await t.site.core.storage.posts.findById(postId))!,
        slug: 'closed-one',
        commentStatus: 'closed',
      });
      const parent = (
        await t.site.core.storage.comments.list({ statuses: ['approved'], limit: 1, offset: 0 })
      ).items[0]!;
      const wrongParent = await submit({
        ...reader,
        post_id: String(other.id),
        comment_parent: String(parent.id),
      });
      expect(wrongParent.status).toBe(422);
      expect(await wrongParent.text()).toContain('Comments are closed');
      expect((await submit({ ...reader, post_id: '999999' })).status).toBe(404);
    },
  );

  it.skipIf(skip)(
    'takes a filled honeypot for a bot: kept as spam with the reason, never shown',
    async () => {
      const res = await submit({ ...reader, comment: 'Buy now', hp_website: 'http://spam.example' });
      expect(res.status).toBe(303);
      const id = Number(res.headers.get('location')!.split('-').pop());
      expect(await t.site.core.storage.comments.findById(id)).toMatchObject({
        status: 'spam',
        heldReason: 'honeypot field filled in',
      });
    },
  );

  it.skipIf(skip)('refuses a form sent back too quickly, keeping the text, writing nothing', async () => {
    const before = await t.site.core.storage.comments.count();
    const token = issueFormToken(t.services.secret, postId, clock.now());
    const body = new URLSearchParams({
      ...reader,
      post_id: String(postId),
      token,
      comment: 'Слишком быстро',
    });
    const res = await t.app.request('/comments', {
      method: 'POST',
      body,
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Слишком быстро');
    expect(await t.site.core.storage.comments.count()).toBe(before);
  });

  it.skipIf(skip)('refuses a post from another site (CSRF)', async () => {
    const res = await submit(reader, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
  });

  it.skipIf(skip)('slows a flood with 429 and Retry-After, keeping the text', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 8; i++) {
      last = await submit({ ...reader, comment: `Flood ${i}` });
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last!.text()).toMatch(/Flood \d/);
  });

  it.skipIf(skip)('answers ?replytocom with the form set to reply, without JavaScript', async () => {
    const parent = (await t.site.core.storage.comments.list({ statuses: ['approved'], limit: 1, offset: 0 }))
      .items[0]!;
    const html = await page(`/welcome/?replytocom=${parent.id}`);
    expect(html).toMatch(
      new RegExp(
        `name="comment_parent"[^>]*value="${parent.id}"|value="${parent.id}"[^>]*name="comment_parent"`,
      ),
    );
  });

  it.skipIf(skip)('serves the same bytes to every anonymous reader', async () => {
    expect(await page('/welcome/')).toBe(await page('/welcome/'));
  });
});
