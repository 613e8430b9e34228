import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailability } from '../support/postgres.ts';
import { chromiumAvailability, launchChromium, samizdat, serveTestSite } from './harness.ts';

const browserCheck = chromiumAvailability();
const pg = await postgresAvailability();

/** The reader's path through the discussion, in Chromium, with JavaScript on and off. */
describe.skipIf(Boolean(browserCheck.skip)).each([
  { dialect: 'sqlite' as const, js: true },
  { dialect: 'sqlite' as const, js: false },
  { dialect: 'postgres' as const, js: true },
])('a guest joins the discussion ($dialect, JavaScript $js)', ({ dialect, js }) => {
  const skip = dialect === 'postgres' && !pg.available;
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveTestSite>>;
  let reader: BrowserContext;
  const stamp = js ? 'with script' : 'without script';

  beforeAll(async () => {
    if (skip) return;
    site = await serveTestSite(dialect);
    browser = await launchChromium();
    reader = await browser.newContext({ javaScriptEnabled: js });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  const freshVisitor = async (): Promise<Page> =>
    (await browser.newContext({ javaScriptEnabled: js })).newPage();
  /** Sends the form and waits for the page the server answers with (after its redirect). */
  const send = async (page: Page): Promise<void> => {
    const answered = page.waitForResponse((r) => r.url().endsWith('/comments'));
    await page.click('#commentform button[type=submit]');
    await answered;
    await page.waitForLoadState('load');
  };
  const commentIdInUrl = async (page: Page): Promise<string> => {
    await expect.poll(() => page.url()).toMatch(/#comment-\d+$/);
    return page.url().split('-').pop()!;
  };
  const fill = async (page: Page, comment: string, email = 'guest@example.org') => {
    await page.fill('#comment', comment);
    await page.fill('#author', 'Гость Читатель');
    await page.fill('#email', email);
    await page.fill('#url', 'example.org');
  };

  it.skipIf(skip)('reads the welcome post from the home page', async () => {
    const page = await reader.newPage();
    await page.goto(site.url);
    await page.getByRole('link', { name: 'Welcome to your new site' }).first().click();
    await expect.poll(() => page.url()).toMatch(/\/welcome\/$/);
    expect(await page.locator('h1').first().textContent()).toContain('Welcome to your new site');
    expect(await page.locator('.comment-content').first().textContent()).toContain('I am a sample comment');
    expect(await page.locator('#respond h2').textContent()).toBe('Leave a Reply');
  });

  it.skipIf(skip)(
    'leaves a comment, sees it awaiting moderation, and others see it once approved',
    async () => {
      const page = await reader.newPage();
      await page.goto(`${site.url}/welcome/`);
      await fill(page, `Первый комментарий ${stamp}`);
      await send(page);
      const id = await commentIdInUrl(page);
      const mine = page.locator(`#comment-${id}`);
      expect(await mine.textContent()).toContain(`Первый комментарий ${stamp}`);
      expect(await mine.locator('.moderation-note').textContent()).toBe(
        'Your comment is awaiting moderation.',
      );

      const stranger = await freshVisitor();
      await stranger.goto(`${site.url}/welcome/`);
      expect(await stranger.locator(`#comment-${id}`).count()).toBe(0);

      const approved = await samizdat(site.env, 'comments', 'approve', id);
      expect(approved.stderr).toBe('');
      expect(approved.stdout).toContain(`approve: #${id}`);

      const later = await freshVisitor();
      await later.goto(`${site.url}/welcome/`);
      expect(await later.locator(`#comment-${id}`).textContent()).toContain(`Первый комментарий ${stamp}`);
      expect(await later.locator(`#comment-${id} .moderation-note`).count()).toBe(0);
      expect(await later.locator(`#comment-${id} .comment-author a`).getAttribute('rel')).toBe(
        'nofollow ugc noopener',
      );
    },
  );

  it.skipIf(skip)('replies to that comment and finds the reply nested under it', async () => {
    const page = await reader.newPage();
    await page.goto(`${site.url}/welcome/`);
    const parent = page.locator('li.comment', { hasText: `Первый комментарий ${stamp}` }).first();
    const parentId = (await parent.getAttribute('id'))!;
    await parent.locator('.comment-reply-link').first().click();
    if (js) {
      // The form moved under the comment, without a page load.
      expect(await page.locator(`#${parentId} #respond`).count()).toBe(1);
    } else {
      await page.waitForLoadState('load');
      await expect.poll(() => page.url()).toMatch(/replytocom=\d+#respond$/);
      expect(await page.locator('#reply-title').textContent()).toContain('Гость Читатель');
    }
    expect(await page.inputValue('input[name=comment_parent]')).toBe(parentId.replace('comment-', ''));
    await fill(page, `Ответ ${stamp}`);
    await send(page);
    const replyId = await commentIdInUrl(page);
    // The same email has an approved comment now: the reply is published at once, inside the parent.
    const nested = page.locator(`#${parentId} > ol.children > #comment-${replyId}`);
    expect(await nested.count()).toBe(1);
    expect(await nested.locator('.moderation-note').count()).toBe(0);
  });

  it.skipIf(skip)('gets an invalid form back with the messages and everything typed', async () => {
    const page = await reader.newPage();
    await page.goto(`${site.url}/welcome/`);
    const text = `Длинный текст, который нельзя потерять ${stamp}.\nВторая строка.`;
    await page.fill('#comment', text);
    await page.fill('#author', 'Айгерим');
    // Passes the browser's own check for type=email, fails ours: the server must answer.
    await page.fill('#email', 'aigerim@localhost');
    await send(page);
    expect(await page.inputValue('#comment')).toBe(text);
    expect(await page.inputValue('#author')).toBe('Айгерим');
    expect(await page.inputValue('#email')).toBe('aigerim@localhost');
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    expect(await page.locator('.error-summary').textContent()).toMatch(/email/i);
  });
});
