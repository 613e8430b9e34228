import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailability } from '../support/postgres.ts';
import { requireFixtures } from '../support/fixtures.ts';
import { chromiumAvailability, launchChromium, samizdat, serveTestSite } from './harness.ts';

const browserCheck = chromiumAvailability();
const fixtures = requireFixtures('wxr');
const pg = await postgresAvailability();

/** "Template: Comments" in WordPress's theme unit test: a thread ten replies deep, Greek names. */
const OLD_PATH = '/2012/01/03/template-comments/';
const WORDPRESS_ID = '1148';

/**
 * A reader follows a link to the blog's old WordPress address after the move: the export was
 * imported with `samizdat import wxr`, and the browser lands on the post with its discussion.
 */
describe.skipIf(Boolean(browserCheck.skip || fixtures.skip)).each(['sqlite', 'postgres'] as const)(
  'an old WordPress link still leads to the post and its comments (%s)',
  (dialect) => {
    const skip = dialect === 'postgres' && !pg.available;
    let browser: Browser;
    let site: Awaited<ReturnType<typeof serveTestSite>>;

    beforeAll(async () => {
      if (skip) return;
      [site, browser] = await Promise.all([serveTestSite(dialect), launchChromium()]);
      const file = join(fixtures.dir!, 'wp-theme-unit-test.wordpress.xml');
      const imported = await samizdat(site.env, 'import', 'wxr', file);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
    });
    afterAll(async () => {
      await browser?.close();
      await site?.stop();
    });

    it.skipIf(skip)('redirects the old dated address to the new one, with the thread nested', async () => {
      const page = await browser.newPage();
      const response = await page.goto(`${site.url}${OLD_PATH}`);
      expect(response?.status()).toBe(200);
      expect(response?.request().redirectedFrom()?.url()).toBe(`${site.url}${OLD_PATH}`);
      expect(new URL(page.url()).pathname).toBe('/template-comments/');
      expect(await page.locator('h1').first().textContent()).toContain('Template: Comments');

      const depth1 = page.locator('li.comment.depth-1', { hasText: 'Comment Depth 01' });
      await expect.poll(() => depth1.isVisible()).toBe(true);
      // Replies sit inside their parents, level by level, down to the site's thread depth.
      const reply = depth1.locator(':scope > ol.children > li.comment.depth-2', {
        hasText: 'Comment Depth 02',
      });
      expect(await reply.isVisible()).toBe(true);
      const deepest = page.locator('li.comment.depth-5', { hasText: 'Comment Depth 10' });
      expect(await deepest.isVisible()).toBe(true);
      expect(await page.locator('.comment-author', { hasText: 'Γιάννης' }).count()).toBeGreaterThan(0);
      // The comment WordPress had not approved stays out of view.
      expect(await page.locator('.comment-content', { hasText: 'Feeling testy?' }).count()).toBe(0);
      await page.close();
    });

    it.skipIf(skip)('follows ?p= with the WordPress id to the same post', async () => {
      const page = await browser.newPage();
      await page.goto(`${site.url}/?p=${WORDPRESS_ID}`);
      expect(new URL(page.url()).pathname).toBe('/template-comments/');
      await page.close();
    });
  },
);
