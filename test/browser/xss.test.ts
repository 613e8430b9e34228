import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderateComment } from '../../src/core/comments/moderation.ts';
import { normalizeCommentInput, validateCommentInput } from '../../src/core/comments/validate.ts';
import { readPostDraft } from '../../src/core/posts/post-file.ts';
import { publishPost } from '../../src/core/posts/publish.ts';
import { issueFormToken } from '../../src/http/comments/form-token.ts';
import { isHttpUrl } from '../../src/render/html.ts';
import { translator } from '../../src/render/index.ts';
import { requireFixtures } from '../support/fixtures.ts';
import { chromiumAvailability, launchChromium, serveTestSite } from './harness.ts';
import { limiter, pool } from './concurrency.ts';
import { asAttribute, asText, loadPayloads, type Payload } from './xss-corpus.ts';
import { checkRefusedForms, closePage, inspect, trappedContext, type Inspection } from './xss-detector.ts';

/**
 * Every payload of the shared XSS corpus posted through the real comment endpoint as a comment body,
 * a name and a website, approved, then read in Chromium: nothing runs, no dialog opens, no link or
 * source carries a script URL, and the text is still there to read. The pages are read once with
 * the site's CSP bypassed, so escaping and the sanitizer are tested on their own, and once as served.
 * Refused forms come back with what was typed: those pages are checked too.
 */
const browserCheck = chromiumAvailability();
const fixtures = requireFixtures('xss');
if (fixtures.skip) console.warn(`XSS browser suite skipped: ${fixtures.skip}`);
const skip = browserCheck.skip ?? fixtures.skip;

/** Comments tried per post, so that no page is enormous. */
const PER_POST = 300;

/**
 * How each payload is posted. `website`: as typed, mostly refused (not a web address), so its body is
 * the payload too and the refused form echoes both. `link`: inside a valid address, so it is stored
 * and shown in the name's href.
 */
const ROLES = ['body', 'author', 'website', 'link'] as const;
type Role = (typeof ROLES)[number];
type Fields = { comment: string; author: string; email: string; url: string };

interface Submission {
  payload: Payload;
  role: Role;
  /** Index into `posts`. */
  post: number;
  fields: Fields;
  /** What the core's own validation says the endpoint must answer. */
  expected: 303 | 422;
  status?: number;
  id?: string;
  /** The page of a refused form. */
  html?: string;
}

function fieldsFor(payload: string, role: Role, n: number): Fields {
  // One address per comment: none has an approved comment before its post is done, so each waits in
  // the queue till then, and a refused form's page does not carry a half-filled post's discussion.
  const email = `${role}-${n}@example.org`;
  switch (role) {
    case 'body':
      return { comment: payload, author: `Body ${n}`, email, url: '' };
    case 'author':
      return { comment: `Comment ${n} has the payload as its name.`, author: payload, email, url: '' };
    case 'website':
      return { comment: payload, author: `Website ${n}`, email, url: payload };
    case 'link':
      return { comment: `Comment ${n}: the payload is in the address.`, author: `Link ${n}`, email, url: `https://example.org/?q=${payload}` }; // prettier-ignore
  }
}

function expectedStatus(fields: Fields): 303 | 422 {
  return Object.keys(validateCommentInput(normalizeCommentInput(fields), 20_000)).length > 0 ? 422 : 303;
}

const what = (s: Submission): string => `${s.role} ${JSON.stringify(s.payload.text.slice(0, 60))}`;
const report = (label: string, problems: string[]): string[] =>
  problems.length === 0 ? [] : [`${label}:\n    ${[...new Set(problems)].slice(0, 20).join('\n    ')}`];

describe.skipIf(Boolean(skip))('the XSS corpus as comments, read in Chromium', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveTestSite>>;
  const posts: { id: number; path: string }[] = [];
  const submissions: Submission[] = [];
  let payloads: Payload[] = [];

  beforeAll(async () => {
    [site, browser] = await Promise.all([
      // One address posts the whole corpus, the same payload as a body and as a website: no limits,
      // and no repeat detection (comments.test.ts covers those).
      serveTestSite('sqlite', {
        commentRateLimit: 1_000_000,
        commentRefusedLimit: 1_000_000,
        commentDuplicateHours: 0,
      }),
      launchChromium(),
    ]);
    payloads = loadPayloads(fixtures.dir!);
    for (let p = 0; p * PER_POST < payloads.length * ROLES.length; p++) {
      const draft = readPostDraft({ title: `XSS corpus, part ${p + 1}`, slug: `xss-${p + 1}` }, 'See below.');
      if (!draft.ok) throw new Error(draft.error.join('; '));
      const published = await publishPost({ ...site.site.core, images: site.site.images }, draft.value, null);
      if (!published.ok) throw new Error(published.error.type);
      posts.push({ id: published.value.post.id, path: `/${published.value.post.slug}/` });
    }
    payloads.forEach((payload, n) => {
      for (const role of ROLES) {
        const fields = fieldsFor(payload.text, role, n);
        const post = Math.floor(submissions.length / PER_POST);
        submissions.push({ payload, role, post, fields, expected: expectedStatus(fields) });
      }
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  /** POST /comments as a browser would send the form, with a token issued some seconds ago. */
  const send = async (s: Submission): Promise<void> => {
    const postId = posts[s.post]!.id;
    const response = await fetch(`${site.url}/comments`, {
      method: 'POST',
      // As a browser on the page sends it (SITE_URL, http://localhost, is not where this server listens).
      headers: {
        origin: site.url,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        ...s.fields,
        post_id: String(postId),
        comment_parent: '0',
        token: issueFormToken(site.services.secret, postId, new Date(Date.now() - 10_000)),
        hp_website: '',
      }),
      redirect: 'manual',
    });
    s.status = response.status;
    const text = await response.text();
    if (response.status === 303) s.id = /#comment-(\d+)$/.exec(response.headers.get('location') ?? '')?.[1];
    else s.html = text;
  };

  /** Checks one post page against what was posted to it; returns the problems found. */
  const checkPage = (post: number, seen: Inspection): string[] => {
    const problems = [...seen.problems];
    const expected = submissions.filter((s) => s.post === post && s.id);
    const rendered = new Map(seen.comments.map((c) => [c.id, c]));
    if (rendered.size !== seen.comments.length) problems.push('duplicate comment ids');
    if (seen.comments.length !== expected.length) {
      problems.push(`${seen.comments.length} comments rendered, ${expected.length} accepted`);
    }
    for (const s of expected) {
      const c = rendered.get(`comment-${s.id}`);
      if (!c) {
        problems.push(`missing: ${what(s)}`);
        continue;
      }
      const stored = normalizeCommentInput(s.fields);
      // Names are text: shown as typed (trimmed), and copied as typed into the Reply link's heading.
      if (c.author !== asText(stored.author)) {
        problems.push(`name not shown as typed: ${what(s)} → ${JSON.stringify(c.author.slice(0, 60))}`);
      }
      const replyTitle = translator('en').t('comments.replyHeading', { name: asAttribute(stored.author) });
      if (c.replyTitle !== replyTitle)
        problems.push(`reply title ${JSON.stringify(c.replyTitle)} for ${what(s)}`);
      const href = isHttpUrl(stored.url) ? asAttribute(stored.url) : null;
      if (c.authorHref !== href) problems.push(`website link ${JSON.stringify(c.authorHref)} for ${what(s)}`);
      // A body that was a payload still reads as something, and what mentioned alert still does.
      if (s.fields.comment === s.payload.text) {
        if (c.content.trim() === '') problems.push(`body shows nothing: ${what(s)}`);
        if (/alert/i.test(s.payload.text) && !/alert/i.test(c.content)) {
          problems.push(`body lost its text: ${what(s)} → ${JSON.stringify(c.content.slice(0, 60))}`);
        }
      }
    }
    return problems;
  };

  let contexts:
    Promise<Record<'bypassed' | 'served', Awaited<ReturnType<typeof trappedContext>>>> | undefined;
  const browserSlot = limiter(5);

  /** One post page in Chromium, with the site's CSP bypassed or as served; returns the problems. */
  const readPost = (i: number, bypassCSP: boolean): Promise<string[]> =>
    browserSlot(async () => {
      contexts ??= (async () => ({
        bypassed: await trappedContext(await browser.newContext({ bypassCSP: true })),
        served: await trappedContext(await browser.newContext()),
      }))();
      const both = await contexts;
      const { page, events } = await (bypassCSP ? both.bypassed : both.served).open();
      const path = posts[i]!.path;
      const response = await page
        .goto(`${site.url}${path}`, { waitUntil: 'load', timeout: 20_000 })
        .catch((error: Error) => (events.push(`loading failed: ${error.message.split('\n')[0]}`), null));
      // Names reach the form's heading through the reply script: click Reply under some comments
      // named by a payload (every name's data-title is compared with the name in checkPage).
      const named = submissions.filter((s) => s.post === i && s.id && s.role === 'author').slice(0, 15);
      const seen = await inspect(page, events, {
        replyTo: bypassCSP ? named.map((s) => `comment-${s.id}`) : [],
      });
      const closing = await closePage(page);
      const status = !response || response.status() === 200 ? [] : [`status ${response.status()}`];
      const problems = [...status, ...checkPage(i, seen), ...closing];
      return report(`${bypassCSP ? 'CSP bypassed' : 'CSP on'} ${path}`, problems);
    });

  /** Each post page's reading, started as soon as all of its comments are in and approved. */
  const readings = new Map<number, Promise<Record<'bypassed' | 'served', string[]>>>();
  const startReading = (post: number) => {
    const reading = Promise.all([readPost(post, true), readPost(post, false)]).then(([bypassed, served]) => ({
      bypassed,
      served,
    }));
    reading.catch(() => {}); // awaited by the tests below, which report a failure
    readings.set(post, reading);
  };
  const readEveryPost = async (mode: 'bypassed' | 'served'): Promise<string[]> => {
    for (let i = 0; i < posts.length; i++) if (!readings.has(i)) startReading(i);
    return (await Promise.all(posts.map((_, i) => readings.get(i)!))).flatMap((found) => found[mode]);
  };

  it('posts every payload as a body, a name and a website through POST /comments', async () => {
    const left = posts.map((_, i) => submissions.filter((s) => s.post === i).length);
    let approved = 0;
    // A post's page is read while the next ones are being posted: Chromium works on the other core.
    await pool(submissions, 6, async (s) => {
      await send(s);
      if (--left[s.post]! > 0) return;
      for (const mine of submissions.filter((x) => x.post === s.post && x.id)) {
        if ((await moderateComment(site.site.core, Number(mine.id), 'approve')).ok) approved++;
      }
      startReading(s.post);
    });
    const wrong = submissions
      .filter((s) => s.status !== s.expected || (s.status === 303 && !s.id))
      .map((s) => `${what(s)}: ${s.status}, expected ${s.expected}`);
    expect(wrong).toEqual([]);
    const accepted = submissions.filter((s) => s.id).length;
    expect(approved).toBe(accepted);
    const count = (role: Role, status: number) =>
      submissions.filter((s) => s.role === role && s.status === status).length;
    console.log(
      `XSS corpus: ${payloads.length} distinct payloads, ${submissions.length} comments posted over ` +
        `${posts.length} posts; ${accepted} accepted and approved (body ${count('body', 303)}, ` +
        `name ${count('author', 303)}, website ${count('website', 303)}, inside a website ${count('link', 303)}); ` +
        `refused with 422: name ${count('author', 422)} (too long), website ${count('website', 422)} ` +
        `(not a web address), inside a website ${count('link', 422)} (too long)`,
    );
    expect(count('body', 303)).toBe(payloads.length);
  }, 300_000);

  it('renders every post page inertly with the CSP bypassed: no dialog, no script, no script URL, text kept', async () => {
    expect(await readEveryPost('bypassed')).toEqual([]);
  }, 300_000);

  it('renders every post page inertly as served, with no CSP violation either', async () => {
    expect(await readEveryPost('served')).toEqual([]);
  }, 300_000);

  it('echoes refused forms back as inert text: every 422 page parsed, a sample loaded', async () => {
    const refused = submissions.filter((s) => s.status === 422);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((s) => s.html)).toBe(true);
    const trapped = await trappedContext(await browser.newContext({ bypassCSP: true }));
    const { page } = await trapped.open();
    const batches = Array.from({ length: Math.ceil(refused.length / 200) }, (_, i) =>
      refused.slice(i * 200, i * 200 + 200),
    );
    const parsed = await pool(batches, 1, (batch) =>
      page.evaluate(
        checkRefusedForms,
        batch.map((s) => ({
          html: s.html!,
          comment: asAttribute(s.fields.comment),
          author: asAttribute(s.fields.author),
          url: asAttribute(s.fields.url),
        })),
      ),
    );
    expect(parsed.flat().flatMap((problems, i) => report(`422 for ${what(refused[i]!)}`, problems))).toEqual(
      [],
    );

    // Some of those pages loaded for real: same origin, the theme and the reply script running.
    const sample = [
      refused.find((s) => s.role === 'website' && /<script/i.test(s.payload.text))!,
      ...refused.filter((_, i) => i % 200 === 0),
    ];
    await trapped.context.route(`${site.url}/__refused/*`, (route) => {
      const n = Number(route.request().url().split('/').pop());
      return route.fulfill({ status: 422, contentType: 'text/html; charset=utf-8', body: sample[n]!.html! });
    });
    const loaded = await pool(sample, 4, async (s, i) => {
      const { page: tab, events } = await trapped.open();
      await tab
        .goto(`${site.url}/__refused/${i}`, { waitUntil: 'load', timeout: 20_000 })
        .catch((error: Error) => events.push(`loading failed: ${error.message.split('\n')[0]}`));
      const seen = await inspect(tab, events, { wait: 250 });
      const typed = await tab.inputValue('#comment', { timeout: 5_000 }).catch(() => null);
      const closing = await closePage(tab);
      const kept = typed === asAttribute(s.fields.comment) ? [] : ['the comment typed is not in the form'];
      return report(`loaded 422 for ${what(s)}`, [...seen.problems, ...kept, ...closing]);
    });
    expect([...loaded.flat(), ...(await closePage(trapped.context))]).toEqual([]);
  }, 120_000);

  it('has a detector that catches a page which does run script', async () => {
    const trapped = await trappedContext(await browser.newContext({ bypassCSP: true }));
    const unsafe = `<!doctype html><html lang="en"><body><section id="comments"><ol class="comment-list">
<li id="comment-1" class="comment"><article class="comment-body"><header class="comment-meta"><span class="comment-author"><a href="javascript:alert(2)">Eve</a></span></header>
<div class="comment-content"><p>hi</p><img src="/x.png" onerror="alert(1)"><a href=" java&#9;script:alert(3)" rel="nofollow ugc noopener">x</a><svg><script>prompt(4)</script></svg></div></article></li>
<li id="comment-2" class="comment"><article class="comment-body"><div class="comment-content"><p>&lt;img src=x onerror=alert(1)&gt;</p></div></article></li>
</ol><form action="https://evil.example/"></form></section><script>confirm(5)</script></body></html>`;
    await trapped.context.route('http://detector.test/**', (route) =>
      route.request().url() === 'http://detector.test/'
        ? route.fulfill({ contentType: 'text/html', body: unsafe })
        : route.fulfill({ status: 404, body: '' }),
    );
    const { page, events } = await trapped.open();
    await page.goto('http://detector.test/');
    const seen = await inspect(page, events);
    const refused = await page.evaluate(checkRefusedForms, [
      {
        html: '<section id="comments"><form id="commentform"><textarea id="comment">a</textarea></form></section><script>1</script>',
        comment: 'a',
        author: '',
        url: '',
      },
    ]);
    await trapped.context.close();
    const found = seen.problems.join('\n');
    for (const expected of [
      'executed alert(1)',
      'executed prompt(4)',
      'executed confirm(5)',
      'event handler attribute: #comment-1 <img',
      'script URL: #comment-1 <a href="javascript:alert(2)"',
      'script URL: #comment-1 <a href=" java\tscript:alert(3)"',
      'element outside the comment allowlist: #comment-1 <img',
      'element outside the comment allowlist: #comment-1 <svg',
      'unexpected markup in a name: #comment-1 <a href="javascript:alert(2)"',
      'script element: <script>',
      'form in the comments: <form action="https://evil.example/">',
      'form sent elsewhere',
      'request: http://detector.test/x.png',
    ]) {
      expect(found).toContain(expected);
    }
    // Escaped markup is text: the second comment reads as typed and is no problem.
    expect(seen.comments[1]!.content).toBe('<img src=x onerror=alert(1)>');
    expect(found).not.toContain('#comment-2');
    expect(refused[0]).toEqual(
      expect.arrayContaining([
        'name not echoed as text',
        'scripts: <script>1</script>',
        '1 forms, 0 named controls in the discussion',
      ]),
    );
  });
});
