import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderateComment } from '../../src/core/comments/moderation.ts';
import type { Language } from '../../src/core/site/settings.ts';
import { issueFormToken } from '../../src/http/comments/form-token.ts';
import { axeReport, describeFindings, isBlocking, runAxe } from './axe.ts';
import { chromiumAvailability, launchChromium, samizdat, serveTestSite } from './harness.ts';
import { pool } from './concurrency.ts';

/**
 * axe-core in Chromium over every kind of reader page, in each of the three languages and both
 * colour schemes: a serious or critical violation fails. The post has what a real one has: a featured
 * photo with caption and credit, tags and nested categories, a threaded discussion, the reader's own
 * comment awaiting moderation, and the form, empty and refused with errors.
 */
const browserCheck = chromiumAvailability();

interface Fixture {
  title: string;
  tags: string[];
  category: string;
  alt: string;
  caption: string;
  credit: string;
  /** The translated "Photo: {credit}" and "awaiting moderation" (src/render/i18n). */
  photoCredit: string;
  awaiting: string;
  comment: string;
  reply: string;
  held: string;
}

const FIXTURES: Record<Language, Fixture> = {
  en: {
    title: 'A free press in Central Asia',
    tags: ['Human rights', 'Press freedom'],
    category: 'World > Central Asia',
    alt: 'A hand-operated printing press in a dim workshop',
    caption: 'The press where the first issue was printed.',
    credit: 'Aigerim Nurlanovna',
    photoCredit: 'Photo: Aigerim Nurlanovna',
    awaiting: 'Your comment is awaiting moderation.',
    comment: 'Thank you for writing this down.',
    reply: 'Seconded: it matters that someone keeps the record.',
    held: 'A first comment, held for the moderator.',
  },
  ru: {
    title: 'Свободная пресса в Центральной Азии',
    tags: ['Права человека', 'Свобода прессы'],
    category: 'Мир > Центральная Азия',
    alt: 'Ручной печатный станок в полутёмной мастерской',
    caption: 'Станок, на котором напечатали первый номер.',
    credit: 'Айгерим Нурлановна',
    photoCredit: 'Фото: Айгерим Нурлановна',
    awaiting: 'Ваш комментарий ожидает проверки модератором.',
    comment: 'Спасибо, что записали это.',
    reply: 'Согласен: важно, чтобы кто-то вёл летопись.',
    held: 'Первый комментарий, он ждёт модератора.',
  },
  kk: {
    title: 'Орталық Азиядағы еркін баспасөз',
    tags: ['Адам құқықтары', 'Баспасөз бостандығы'],
    category: 'Әлем > Орталық Азия',
    alt: 'Күңгірт шеберханадағы қолмен басатын баспа станогы',
    caption: 'Алғашқы нөмір басылған станок.',
    credit: 'Әйгерім Нұрланқызы',
    photoCredit: 'Фото: Әйгерім Нұрланқызы',
    awaiting: 'Пікіріңіз модератордың тексеруін күтіп тұр.',
    comment: 'Мұны жазып қалдырғаныңызға рахмет.',
    reply: 'Келісемін: біреу шежірені жүргізуі керек.',
    held: 'Алғашқы пікір, модераторды күтіп тұр.',
  },
};

const BODY = `The first issue was printed at night, on a press older than anyone in the room.

## What changed

- Readers found the site again after the block, through the same addresses.
- Comments came from people who had never written to a newspaper before.

> A newspaper is a conversation a nation has with itself. (Arthur Miller)

| Year | Issues | Readers |
| ---- | -----: | ------: |
| 2023 | 12 | 4 000 |
| 2024 | 26 | 19 500 |

See [the welcome post](/welcome/) for how this site works.
`;

async function writePost(dir: string, f: Fixture): Promise<string> {
  // A photo with some detail in it, so the variants are real JPEG, WebP and AVIF files.
  const width = 1600;
  const height = 1000;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = ((x ^ y) & 0x3f) * 3;
    }
  }
  await sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toFile(join(dir, 'press.jpg'));
  const yaml = (s: string) => JSON.stringify(s);
  const file = join(dir, 'post.md');
  await writeFile(
    file,
    `---
title: ${yaml(f.title)}
slug: free-press
date: 2024-03-05T10:00:00Z
tags: [${f.tags.map(yaml).join(', ')}]
categories: [${yaml(f.category)}]
image: press.jpg
image_alt: ${yaml(f.alt)}
image_caption: ${yaml(f.caption)}
image_credit: ${yaml(f.credit)}
---
${BODY}`,
  );
  return file;
}

interface Target {
  name: string;
  /** Opens the page in a fresh tab of the context; resolves with the HTTP status the page came with. */
  open(page: Page): Promise<number>;
  status: number;
}

describe.skipIf(Boolean(browserCheck.skip))('accessibility (axe-core in Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reports a page that breaks the rules (the check can fail)', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    await context.route('http://a11y.test/', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html><head><title>x</title></head><body>
<p style="color:#aaa;background:#fff">Low contrast text</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<form><input type="text"></form><a href="/x"></a></body></html>`,
      }),
    );
    const page = await context.newPage();
    await page.goto('http://a11y.test/');
    const ids = (await runAxe(page)).filter(isBlocking).map((x) => x.id);
    await context.close();
    expect(ids).toEqual(
      expect.arrayContaining(['color-contrast', 'image-alt', 'label', 'link-name', 'html-has-lang']),
    );
  });

  describe.each(['en', 'ru', 'kk'] as const)('in %s', (language) => {
    const f = FIXTURES[language];
    let site: Awaited<ReturnType<typeof serveTestSite>>;
    let dir: string;
    const postPath = '/free-press/';
    const contexts: Partial<Record<'light' | 'dark', BrowserContext>> = {};
    const targets: Target[] = [];

    /** POST /comments as the form does, then approved as the writer would. */
    const approvedComment = async (postId: number, fields: Record<string, string>): Promise<number> => {
      const response = await fetch(`${site.url}/comments`, {
        method: 'POST',
        // As a browser on the page sends it (SITE_URL, http://localhost, is not where this server listens).
        headers: {
          origin: site.url,
          'sec-fetch-site': 'same-origin',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          ...fields,
          post_id: String(postId),
          token: issueFormToken(site.services.secret, postId, new Date(Date.now() - 10_000)),
        }),
        redirect: 'manual',
      });
      expect(response.status).toBe(303);
      const id = Number(/#comment-(\d+)$/.exec(response.headers.get('location') ?? '')?.[1]);
      expect((await moderateComment(site.site.core, id, 'approve')).ok).toBe(true);
      return id;
    };

    beforeAll(async () => {
      [site, dir] = await Promise.all([
        serveTestSite('sqlite', { language }),
        mkdtemp(join(tmpdir(), 'samizdat-a11y-')),
      ]);
      const published = await samizdat(site.env, 'post', 'publish', await writePost(dir, f));
      expect(published.stderr).toBe('');
      expect(published.code).toBe(0);
      const post = await site.site.core.storage.posts.findBySlug('free-press');
      const parent = await approvedComment(post!.id, {
        comment: f.comment,
        author: 'Ерлан',
        email: 'erlan@example.org',
        url: 'https://example.org',
      });
      await approvedComment(post!.id, {
        comment: f.reply,
        author: 'Dana',
        email: 'dana@example.org',
        comment_parent: String(parent),
      });

      // The reader's own comment, sent with the form in the browser: their cookie shows it to them, held.
      contexts.light = await browser.newContext({ bypassCSP: true, colorScheme: 'light' });
      const page = await contexts.light.newPage();
      await page.goto(`${site.url}${postPath}`);
      await page.fill('#comment', f.held);
      await page.fill('#author', 'Әлия');
      await page.fill('#email', 'aliya@example.org');
      const answered = page.waitForResponse((r) => r.url().endsWith('/comments'));
      await page.click('#commentform button[type=submit]');
      expect((await answered).status()).toBe(303);
      await page.waitForLoadState('load');
      contexts.dark = await browser.newContext({
        bypassCSP: true,
        colorScheme: 'dark',
        storageState: await contexts.light.storageState(),
      });

      // Archive links as the post page gives them (Cyrillic slugs are percent-encoded there).
      const href = (selector: string) => page.locator(selector).first().getAttribute('href');
      const [tag, category, author] = await Promise.all([
        href('.terms a[href^="/tag/"]'),
        href('.terms a[href^="/category/"]'),
        href('.post-header .byline a'),
      ]);
      await page.close();
      const visit = (path: string) => async (p: Page) => (await p.goto(`${site.url}${path}`))!.status();
      targets.push(
        { name: 'home', open: visit('/'), status: 200 },
        { name: 'post', open: visit(postPath), status: 200 },
        { name: 'tag archive', open: visit(tag!), status: 200 },
        { name: 'category archive', open: visit(category!), status: 200 },
        { name: 'author archive', open: visit(author!), status: 200 },
        { name: 'date archive', open: visit('/2024/03/'), status: 200 },
        { name: '404', open: visit('/no-such-page/'), status: 404 },
        {
          name: 'refused comment form',
          status: 422,
          async open(p) {
            await p.goto(`${site.url}${postPath}`);
            await p.fill('#comment', f.comment);
            await p.fill('#author', 'Ерлан');
            // Both pass the browser's own checks and fail the server's: the form comes back with errors.
            await p.fill('#email', 'erlan@localhost');
            await p.fill('#url', 'not a web address');
            const refused = p.waitForResponse((r) => r.url().endsWith('/comments'));
            await p.click('#commentform button[type=submit]');
            const status = (await refused).status();
            await p.waitForLoadState('load');
            return status;
          },
        },
      );
    }, 120_000);

    afterAll(async () => {
      await contexts.light?.close();
      await contexts.dark?.close();
      await site?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    for (const scheme of ['light', 'dark'] as const) {
      it(`has no serious or critical axe violation on any page (${scheme})`, async () => {
        const failures: string[] = [];
        const notes: string[] = [];
        // Two pages at a time: axe works in the renderer, and the machine has two cores.
        await pool(targets, 2, async (target) => {
          const page = await contexts[scheme]!.newPage();
          const status = await target.open(page);
          const lang = await page.getAttribute('html', 'lang');
          if (status !== target.status)
            failures.push(`${target.name}: status ${status}, expected ${target.status}`);
          if (lang !== language) failures.push(`${target.name}: <html lang="${lang}">`);
          const { violations: findings, passed } = await axeReport(page);
          // Colour contrast and names are checked on every page; were they missing, axe ran on nothing.
          if (!['color-contrast', 'document-title', 'html-lang-valid'].every((id) => passed.includes(id))) {
            failures.push(`${target.name}: axe did not check the page (passed: ${passed.join(' ')})`);
          }
          const blocking = findings.filter(isBlocking);
          if (blocking.length > 0)
            failures.push(`${target.name} ${page.url()}:\n    ${describeFindings(blocking)}`);
          const lesser = findings.filter((x) => !isBlocking(x));
          if (lesser.length > 0)
            notes.push(`${target.name}: ${lesser.map((x) => `${x.id} [${x.impact}]`).join(', ')}`);
          await page.close();
        });
        if (notes.length > 0)
          console.log(`axe, ${language} ${scheme}, below serious:\n  ${notes.join('\n  ')}`);
        expect(failures, failures.join('\n')).toEqual([]);
      }, 120_000);
    }

    it('shows the featured photo from /media/ with its caption and translated credit', async () => {
      const page = await contexts.light!.newPage();
      await page.goto(`${site.url}${postPath}`);
      const img = page.locator('figure.featured img');
      await img.evaluate((el: HTMLImageElement) =>
        el.complete ? null : new Promise((done) => el.addEventListener('load', done)),
      );
      const { naturalWidth, currentSrc, alt } = await img.evaluate((el: HTMLImageElement) => ({
        naturalWidth: el.naturalWidth,
        currentSrc: el.currentSrc,
        alt: el.alt,
      }));
      expect(naturalWidth).toBeGreaterThan(0);
      expect(new URL(currentSrc).origin).toBe(new URL(site.url).origin);
      expect(new URL(currentSrc).pathname).toMatch(/^\/media\//);
      expect(alt).toBe(f.alt);
      expect(await page.locator('figure.featured figcaption').textContent()).toContain(f.caption);
      expect(await page.locator('figure.featured figcaption .credit').textContent()).toBe(f.photoCredit);
      await page.close();
    });

    it('shows the reader their held comment as awaiting moderation, and the reply nested', async () => {
      const page = await contexts.dark!.newPage();
      await page.goto(`${site.url}${postPath}`);
      const held = page.locator('li.comment.is-held', { hasText: f.held });
      expect(await held.locator('.moderation-note').textContent()).toBe(f.awaiting);
      const nested = page.locator('li.comment > ol.children > li.comment .comment-content');
      expect(await nested.textContent()).toContain(f.reply);
      await page.close();
    });
  });
});
