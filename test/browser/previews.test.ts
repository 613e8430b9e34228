import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailability, launchChromium, samizdat, serveTestSite } from './harness.ts';

const browserCheck = chromiumAvailability();

/** What a messenger reads from a shared link: the preview tags in the page, every URL absolute and live. */
describe.skipIf(Boolean(browserCheck.skip))('a shared link shows a preview', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveTestSite>>;
  let dir: string;

  beforeAll(async () => {
    [site, browser] = await Promise.all([serveTestSite('sqlite'), launchChromium()]);
    dir = await mkdtemp(join(tmpdir(), 'samizdat-preview-'));
    await sharp({ create: { width: 1800, height: 1200, channels: 3, background: '#2a4' } })
      .jpeg()
      .toFile(join(dir, 'square.jpg'));
    await writeFile(
      join(dir, 'post.md'),
      `---
title: Площадь в полдень
slug: square
excerpt: Что видели люди на площади.
tags: [протест]
image: square.jpg
image_alt: Люди на площади
image_credit: А. Фотограф
---
Текст репортажа.
`,
    );
    const published = await samizdat(site.env, 'post', 'publish', join(dir, 'post.md'));
    expect(published.stderr).toBe('');
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('carries Open Graph, Twitter and JSON-LD tags with absolute URLs that load', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${site.url}/square/`);
    const meta = (key: string) =>
      page.locator(`meta[property="${key}"], meta[name="${key}"]`).first().getAttribute('content');
    expect(await meta('og:title')).toBe('Площадь в полдень');
    expect(await meta('og:description')).toBe('Что видели люди на площади.');
    expect(await meta('og:type')).toBe('article');
    expect(await meta('og:url')).toBe('http://localhost/square/');
    expect(await meta('twitter:card')).toBe('summary_large_image');
    const image = (await meta('og:image'))!;
    expect(image).toMatch(/^http:\/\/localhost\/media\//);
    expect(Number(await meta('og:image:width'))).toBeGreaterThan(0);
    expect(Number(await meta('og:image:height'))).toBeGreaterThan(0);
    expect(await meta('og:image:alt')).toBe('Люди на площади');
    // SITE_URL of the test site is http://localhost; the same path answers on the server itself.
    const response = await page.request.get(image.replace('http://localhost', site.url));
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^image\//);

    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(ld).toMatchObject({
      '@type': 'BlogPosting',
      headline: 'Площадь в полдень',
      image: { url: image },
    });
    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe('http://localhost/square/');
  });
});
