import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wxrClose, wxrItem, wxrOpen } from '../../tools/wxr-writer.ts';
import { chromiumAvailability, launchChromium, samizdat, serveTestSite } from './harness.ts';

const browserCheck = chromiumAvailability();
const BLOG = 'http://example.net/blog';

/**
 * A reader of a moved blog follows an old link to a password-protected post, with JavaScript off:
 * the post is there with its password form, and the password opens it, comments included.
 */
describe.skipIf(Boolean(browserCheck.skip))('a password-protected post unlocked without JavaScript', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveTestSite>>;
  let dir: string;

  beforeAll(async () => {
    [site, browser] = await Promise.all([serveTestSite('sqlite'), launchChromium()]);
    dir = await mkdtemp(join(tmpdir(), 'samizdat-protected-'));
    const file = join(dir, 'export.xml');
    await writeFile(
      file,
      [
        wxrOpen({ title: 'Blog', url: BLOG }),
        wxrItem({
          id: 77,
          title: 'For members only',
          slug: 'members-only',
          dateGmt: '2019-05-03 08:00:00',
          link: `${BLOG}/?p=77`,
          guid: `${BLOG}/?p=77`,
          password: 'steppe wind',
          content: 'The minutes of the closed meeting.',
          comments: [{ id: 5, date: '2019-05-04 08:00:00', content: 'Thank you for the minutes.' }],
        }),
        wxrClose,
      ].join(''),
    );
    const imported = await samizdat(site.env, 'import', 'wxr', file);
    expect(imported.code).toBe(0);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows the form at the old address, refuses a wrong password and opens with the right one', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/blog/?p=77`);
    expect(new URL(page.url()).pathname).toBe('/members-only/');
    expect(await page.locator('h1').first().textContent()).toContain('For members only');
    expect(await page.locator('.post-password-form').textContent()).toContain(
      'This content is password protected',
    );
    expect(await page.content()).not.toContain('closed meeting');
    expect(await page.content()).not.toContain('Thank you for the minutes');

    await page.fill('input[name="post_password"]', 'steppe');
    await page.click('.post-password-form button[type="submit"]');
    expect(await page.locator('.post-password-form [role="alert"]').textContent()).toContain(
      'not the right one',
    );
    expect(await page.content()).not.toContain('closed meeting');

    await page.fill('input[name="post_password"]', 'steppe wind');
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/members-only/'),
      page.click('.post-password-form button[type="submit"]'),
    ]);
    expect(response.headers()['cache-control']).toBe('private, no-store');
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe('/members-only/');
    expect(await page.locator('.post-body').textContent()).toContain('The minutes of the closed meeting.');
    expect(await page.locator('.comment-content').first().textContent()).toContain(
      'Thank you for the minutes.',
    );
    expect(await page.locator('.post-password-form').count()).toBe(0);

    // Another reader, without the cookie, still sees the form.
    const other = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await other.goto(`${site.url}/members-only/`);
    expect(await other.locator('.post-password-form').count()).toBe(1);
    await context.close();
  });
});
