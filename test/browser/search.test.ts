import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/cli/front-matter.ts';
import { readPostDraft } from '../../src/core/posts/post-file.ts';
import { publishPost } from '../../src/core/posts/publish.ts';
import { postgresAvailability } from '../support/postgres.ts';
import { describeFindings, isBlocking, runAxe } from './axe.ts';
import { chromiumAvailability, launchChromium, serveTestSite } from './harness.ts';

const browserCheck = chromiumAvailability();
const pg = await postgresAvailability();

/** Post files as a writer writes them, published through the use case `samizdat post publish` runs. */
const POSTS = {
  'vybory.md': `---
title: Итоги голосования в степи
slug: vybory
tags: [Политика]
---
Наблюдатели говорят, что **выборы** прошли спокойно, но явка была низкой.
`,
  'sailau.md': `---
title: Ауылдағы жаңалықтар
slug: sailau
---
Сайлау туралы ауыл тұрғындары не ойлайды?
`,
};

/** A reader uses the search box in the theme's header, reads the highlighted match, and opens it. */
describe.skipIf(Boolean(browserCheck.skip)).each(['sqlite', 'postgres'] as const)(
  'a reader searches the site (%s)',
  (dialect) => {
    const skip = dialect === 'postgres' && !pg.available;
    let browser: Browser;
    let site: Awaited<ReturnType<typeof serveTestSite>>;

    beforeAll(async () => {
      if (skip) return;
      [site, browser] = await Promise.all([serveTestSite(dialect), launchChromium()]);
      const { core, images } = site.site;
      await core.storage.users.create({
        login: 'dana',
        email: 'dana@example.kz',
        displayName: 'Dana',
        bio: '',
        role: 'owner',
        passwordHash: null,
      });
      for (const [name, text] of Object.entries(POSTS)) {
        const split = splitFrontMatter(text);
        if ('error' in split) throw new Error(`${name}: ${split.error}`);
        const draft = readPostDraft(split.meta, split.body);
        if (!draft.ok) throw new Error(`${name}: ${draft.error.join('; ')}`);
        expect((await publishPost({ ...core, images }, draft.value, null)).ok, name).toBe(true);
      }
    });
    afterAll(async () => {
      await browser?.close();
      await site?.stop();
    });

    /** Types into the header's box and sends it with Enter, as a reader does. */
    const searchFromHeader = async (page: Page, query: string) => {
      const box = page.getByRole('search', { name: 'Search this site' }).getByRole('searchbox');
      await box.fill(query);
      await Promise.all([page.waitForURL(/[?&]s=/), box.press('Enter')]);
    };

    it.skipIf(skip)('finds a post by another form of a word, highlights it, and opens it', async () => {
      const page = await (await browser.newContext()).newPage();
      await page.goto(site.url);
      await searchFromHeader(page, 'выборах');
      expect(new URL(page.url()).searchParams.get('s')).toBe('выборах');
      expect(await page.locator('h1').textContent()).toBe('Search results for “выборах”');
      const result = page.locator('.search-results article').first();
      expect(await result.locator('mark').first().textContent()).toBe('выборы');
      // The box in the header keeps the query, for a reader who wants to refine it.
      expect(await page.locator('#site-search').inputValue()).toBe('выборах');

      await result.getByRole('link', { name: 'Итоги голосования в степи' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/vybory/');
      expect(await page.locator('h1').first().textContent()).toBe('Итоги голосования в степи');
    });

    it.skipIf(skip)('finds nothing for a hostile query, and searches again from the page', async () => {
      const page = await (await browser.newContext()).newPage();
      await page.goto(site.url);
      await searchFromHeader(page, `'); drop table posts; -- "NEAR(*`);
      expect(await page.locator('h1').textContent()).toContain('Search results for');
      expect(await page.locator('main').textContent()).toContain('Nothing matched');

      const again = page.getByRole('search', { name: 'Search again' }).getByRole('searchbox');
      await again.fill('сайлаудың');
      await Promise.all([page.waitForURL(/s=%D1%81/i), again.press('Enter')]);
      expect(await page.locator('.search-results mark').first().textContent()).toBe('Сайлау');
      await page.getByRole('link', { name: 'Ауылдағы жаңалықтар' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/sailau/');
    });

    it.skipIf(skip)('has no serious accessibility problem on results or on "nothing found"', async () => {
      const page = await (await browser.newContext({ bypassCSP: true })).newPage();
      for (const query of ['выборы', 'несуществующее']) {
        await page.goto(`${site.url}/?s=${encodeURIComponent(query)}`);
        const blocking = (await runAxe(page)).filter(isBlocking);
        expect(blocking, `${query}: ${describeFindings(blocking)}`).toEqual([]);
      }
    });
  },
);
