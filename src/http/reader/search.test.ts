import { changeSettings } from '../../core/site/change-settings.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewPost } from '../../core/posts/post.ts';
import { makeTestSite, type Dialect, type TestSite } from '../../../test/support/site.ts';
import { newPost, newUser } from '../../storage/contract/fixtures.ts';
import { postgresAvailability } from '../../../test/support/postgres.ts';

const pg = await postgresAvailability();

/** What the issue and habit throw at a search box; each must get an ordinary page. */
const HOSTILE = [
  '" OR 1=1 --',
  '*',
  'NEAR(',
  'title:x',
  "'); drop table posts; --",
  '&|!:*()',
  '<script>alert(1)</script>',
  '...',
  'x'.repeat(10_000),
];

describe.each<Dialect>(['sqlite', 'postgres'])('search over HTTP (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;

  const publish = async (markdown: string, fields: Partial<NewPost>) => {
    const storage = t.site.core.storage;
    const user = await storage.users.create(newUser());
    const html = t.site.core.formatter.post(markdown);
    return storage.posts.create(newPost(user.id, { source: markdown, html, ...fields }));
  };
  const get = async (path: string) => {
    const res = await t.app.request(path);
    return { res, html: await res.text() };
  };
  const search = (query: string, page = 1) =>
    get(`${page > 1 ? `/page/${page}/` : '/'}?s=${encodeURIComponent(query)}`);

  beforeAll(async () => {
    if (skip) return;
    t = await makeTestSite(dialect, { settings: { postsPerPage: 2 } });
    await publish('Итоги голосования: **выборы** прошли спокойно.', { slug: 'vybory', title: 'Итоги дня' });
    await publish('Сайлау туралы жаңалықтар.', { slug: 'sailau', title: 'Қазақстандағы жаңалықтар' });
    await publish('Draft words: выборы.', { slug: 'draft', title: 'Черновик', status: 'draft' });
    await publish('<img src=x onerror=alert(1)> and a report.', {
      slug: 'hostile',
      title: '<script>alert("title")</script> report',
    });
    for (let i = 1; i <= 5; i++) {
      await publish(`Доклад номер ${i}.`, { slug: `doklad-${i}`, title: `Доклад ${i}` });
    }
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)('answers /?s= with ranked results, highlighted, shared but never indexed', async () => {
    const { res, html } = await search('выборах');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).not.toContain('rel="canonical"');
    expect(html).toContain('<h1>Search results for “выборах”</h1>');
    expect(html).toContain('One result');
    expect(html).toContain('<a href="/vybory/">Итоги дня</a>');
    expect(html).toContain('<mark>выборы</mark>');
    expect(html).not.toContain('Черновик');
    // The header's box shows what was searched for.
    expect(html).toContain('<input type="search" id="site-search" name="s" value="выборах">');
  });

  it.skipIf(skip)('finds Kazakh words in another case', async () => {
    const { html } = await search('сайлаудың');
    expect(html).toContain('<a href="/sailau/">Қазақстандағы жаңалықтар</a>');
    expect(html).toContain('<mark>Сайлау</mark>');
  });

  it.skipIf(skip)('pages through results at /page/N/?s=, as WordPress does', async () => {
    const first = await search('доклад');
    expect(first.html).toContain('5 results');
    expect(first.html).toContain('href="/page/2/?s=%D0%B4%D0%BE%D0%BA%D0%BB%D0%B0%D0%B4"');
    expect(first.html.match(/<article>/g)).toHaveLength(2);
    const last = await search('доклад', 3);
    expect(last.res.status).toBe(200);
    expect(last.html.match(/<article>/g)).toHaveLength(1);
    expect(last.html).toContain('rel="prev" href="/page/2/?s=');
    expect(last.html).toContain('Page 3 of 3');
    // A page past the end, or a number no one could mean, shows the last page.
    for (const page of ['99', '99999999999999999999']) {
      const beyond = await get(`/page/${page}/?s=доклад`);
      expect(beyond.res.status, page).toBe(200);
      expect(beyond.html, page).toContain('Page 3 of 3');
    }
  });

  it.skipIf(skip)('says when nothing was found and offers the box again', async () => {
    const { res, html } = await search('несуществующее');
    expect(res.status).toBe(200);
    expect(html).toContain('Nothing matched “несуществующее”');
    expect(html).toContain('<input type="search" id="search-again" name="s" value="несуществующее">');
  });

  it.skipIf(skip)('asks for words when the box was sent empty, instead of the home page', async () => {
    for (const path of ['/?s=', '/?s=+++', '/page/2/?s=']) {
      const { res, html } = await get(path);
      expect(res.status, path).toBe(200);
      expect(html, path).toContain('<h1>Search</h1>');
      expect(html, path).toContain('Type a word or two to find posts.');
      expect(html, path).toContain('<meta name="robots" content="noindex">');
    }
  });

  it.skipIf(skip)('gives hostile queries an ordinary page, escaped', async () => {
    for (const query of HOSTILE) {
      const { res, html } = await search(query);
      expect(res.status, query.slice(0, 30)).toBe(200);
      expect(html, query.slice(0, 30)).toContain('<meta name="robots" content="noindex">');
      expect(html, query.slice(0, 30)).not.toContain('<script>alert');
    }
    const malformed = await get('/?s=%E0%A4%A');
    expect(malformed.res.status).toBe(200);
    expect((await t.site.core.storage.posts.count()) > 0).toBe(true);
  });

  it.skipIf(skip)('escapes what posts hold: markup in a title or body is shown as text', async () => {
    const { html } = await search('report');
    expect(html).toContain('>&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; report</a>');
    expect(html).toContain('<mark>report</mark>');
    expect(html).not.toMatch(/<script>alert|<img src=x/);
  });

  it.skipIf(skip)('puts a labelled search box in the header of every page', async () => {
    const { html } = await get('/');
    expect(html).toMatch(
      /<form class="site-search" role="search" method="get" action="\/" aria-label="Search this site"><label class="visually-hidden" for="site-search">Search this site<\/label><input type="search" id="site-search" name="s" value="">/,
    );
  });
});

describe.each<Dialect>(['sqlite', 'postgres'])('search in Russian and Kazakh (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;
  beforeAll(async () => {
    if (skip) return;
    t = await makeTestSite(dialect);
    const storage = t.site.core.storage;
    const user = await storage.users.create(newUser());
    for (let i = 0; i < 5; i++) {
      await storage.posts.create(newPost(user.id, { title: `Заң жобасы ${i}`, html: '<p>Мәтін.</p>' }));
    }
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)('words the page in the site language, with its plural forms', async () => {
    const change = (language: 'ru' | 'kk') => changeSettings(t.site.core, { language });
    await change('ru');
    const ru = await (await t.app.request('/?s=заң')).text();
    expect(ru).toContain('<h1>Результаты поиска по запросу «заң»</h1>');
    expect(ru).toContain('Найдено 5 результатов');
    expect(ru).toContain('aria-label="Поиск по сайту"');
    await change('kk');
    const kk = await (await t.app.request('/?s=заңның')).text();
    expect(kk).toContain('<h1>«заңның» бойынша іздеу нәтижелері</h1>');
    expect(kk).toContain('5 нәтиже табылды');
    const none = await (await t.app.request('/?s=жоқсөз')).text();
    expect(none).toContain('«жоқсөз» бойынша ештеңе табылмады.');
  });
});
