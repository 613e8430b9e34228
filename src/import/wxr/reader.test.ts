import { describe, expect, it } from 'vitest';
import { readWxr } from './reader.ts';
import { chunks, collect, wxr } from '../../../test/support/wxr/collect.ts';

const COMMENTED_ITEM = `<item>
  <title>Привет, мир</title>
  <link>https://old.example/2020/01/02/privet/</link>
  <dc:creator><![CDATA[anna]]></dc:creator>
  <guid isPermaLink="false">https://old.example/?p=7</guid>
  <content:encoded><![CDATA[<p>Текст & "цитата"</p>]]></content:encoded>
  <excerpt:encoded><![CDATA[Кратко]]></excerpt:encoded>
  <wp:post_id>7</wp:post_id>
  <wp:post_date>2020-01-02 10:00:00</wp:post_date>
  <wp:post_date_gmt>2020-01-02 07:00:00</wp:post_date_gmt>
  <wp:post_name><![CDATA[privet]]></wp:post_name>
  <wp:status>publish</wp:status>
  <wp:post_type>post</wp:post_type>
  <wp:is_sticky>1</wp:is_sticky>
  <category domain="category" nicename="news"><![CDATA[News]]></category>
  <category domain="post_tag" nicename="a-tag"><![CDATA[A tag]]></category>
  <wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>9</wp:meta_value></wp:postmeta>
  <wp:comment>
    <wp:comment_id>3</wp:comment_id><wp:comment_parent>2</wp:comment_parent>
    <wp:comment_author><![CDATA[Guest]]></wp:comment_author>
    <wp:comment_author_IP>203.0.113.7</wp:comment_author_IP>
    <wp:comment_date>2020-01-03 10:00:00</wp:comment_date>
    <wp:comment_date_gmt>0000-00-00 00:00:00</wp:comment_date_gmt>
    <wp:comment_content><![CDATA[Ответ]]></wp:comment_content>
    <wp:comment_approved>0</wp:comment_approved><wp:comment_type>pingback</wp:comment_type>
    <wp:commentmeta><wp:meta_key>akismet_result</wp:meta_key><wp:meta_value>false</wp:meta_value></wp:commentmeta>
  </wp:comment>
</item>`;

describe('readWxr: what an export holds', () => {
  it('yields the site first, then authors, terms and items whole, in file order', async () => {
    const file = wxr(
      `<wp:author><wp:author_id>1</wp:author_id><wp:author_login>anna</wp:author_login>
        <wp:author_email>anna@example.org</wp:author_email><wp:author_display_name><![CDATA[Анна]]></wp:author_display_name></wp:author>
       <wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>news</wp:category_nicename>
        <wp:category_parent>world</wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
       <wp:tag><wp:term_id>3</wp:term_id><wp:tag_slug>a-tag</wp:tag_slug><wp:tag_name>A tag</wp:tag_name></wp:tag>
       <wp:term><wp:term_id>4</wp:term_id><wp:term_taxonomy>series</wp:term_taxonomy><wp:term_slug>s</wp:term_slug>
        <wp:term_name>S</wp:term_name></wp:term>
       ${COMMENTED_ITEM}`,
      `<title>Блог</title><link>https://old.example</link><language>ru-RU</language><wp:wxr_version>1.2</wp:wxr_version>
       <wp:base_site_url>https://old.example</wp:base_site_url><wp:base_blog_url>https://old.example/blog</wp:base_blog_url>`,
    );
    const got = await collect(chunks(file, 7));
    expect(got.order).toEqual(['site', 'author', 'term', 'term', 'term', 'item']);
    expect(got.site).toEqual({
      title: 'Блог',
      link: 'https://old.example',
      baseSiteUrl: 'https://old.example',
      baseBlogUrl: 'https://old.example/blog',
      language: 'ru-RU',
      wxrVersion: '1.2',
    });
    expect(got.authors[0]).toMatchObject({
      id: 1,
      login: 'anna',
      email: 'anna@example.org',
      displayName: 'Анна',
    });
    expect(got.terms.map((t) => [t.taxonomy, t.slug, t.parentSlug, t.name])).toEqual([
      ['category', 'news', 'world', 'News'],
      ['post_tag', 'a-tag', '', 'A tag'],
      ['series', 's', '', 'S'],
    ]);
    const item = got.items[0]!;
    expect(item).toMatchObject({
      id: 7,
      title: 'Привет, мир',
      link: 'https://old.example/2020/01/02/privet/',
      creator: 'anna',
      content: '<p>Текст & "цитата"</p>',
      excerpt: 'Кратко',
      postDateGmt: '2020-01-02 07:00:00',
      postName: 'privet',
      isSticky: true,
      terms: [
        { taxonomy: 'category', slug: 'news', name: 'News' },
        { taxonomy: 'post_tag', slug: 'a-tag', name: 'A tag' },
      ],
    });
    expect(item.meta['_thumbnail_id']).toBe('9');
    expect(item.comments[0]).toMatchObject({
      id: 3,
      parentId: 2,
      author: 'Guest',
      content: 'Ответ',
      approved: '0',
    });
    expect(item.comments[0]).toMatchObject({ type: 'pingback', dateGmt: '', date: '2020-01-03 10:00:00' });
    expect(item.comments[0]?.meta['akismet_result']).toBe('false');
  });

  it('sends the site even when the channel holds nothing else', async () => {
    const got = await collect(chunks(wxr('')));
    expect(got.order).toEqual(['site']);
    expect(got.site?.title).toBe('Site');
  });

  it('gives drafts’ zero GMT dates as empty, keeping the local date', async () => {
    const got = await collect(
      chunks(
        wxr(`<item><wp:post_id>1</wp:post_id><wp:post_date>2024-11-01 15:01:02</wp:post_date>
        <wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt><wp:status>draft</wp:status></item>`),
      ),
    );
    expect(got.items[0]).toMatchObject({ postDate: '2024-11-01 15:01:02', postDateGmt: '', status: 'draft' });
  });

  it('knows fields by namespace URI, not by prefix: https, other prefixes, rebound wp:', async () => {
    const body = `<item xmlns:w="https://wordpress.org/export/1.1/"><title>A</title><w:post_id>1</w:post_id>
        <w:post_type>page</w:post_type></item>
      <item xmlns:wp="http://example.com/not-wordpress/"><title>B</title><wp:post_id>2</wp:post_id>
        <wp:post_type>post</wp:post_type></item>
      <wp:author xmlns:wp="http://example.com/fake/"><wp:author_login>fake</wp:author_login></wp:author>`;
    const got = await collect(chunks(wxr(body)));
    expect(got.items.map((i) => [i.title, i.id, i.postType])).toEqual([
      ['A', 1, 'page'],
      ['B', 0, ''],
    ]);
    expect(got.authors).toEqual([]);
  });

  it('keeps the first of a repeated field and the last of a repeated meta key, safely', async () => {
    const got = await collect(
      chunks(
        wxr(`<item><wp:post_id>1</wp:post_id><wp:post_id>2</wp:post_id>
          <wp:postmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>old</wp:meta_value></wp:postmeta>
          <wp:postmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>new</wp:meta_value></wp:postmeta>
          <wp:postmeta><wp:meta_key>__proto__</wp:meta_key><wp:meta_value>x</wp:meta_value></wp:postmeta></item>`),
      ),
    );
    const item = got.items[0]!;
    expect(item.id).toBe(1);
    expect(item.meta['k']).toBe('new');
    expect(Object.hasOwn(item.meta, '__proto__')).toBe(true);
    expect(item.meta['__proto__']).toBe('x');
  });

  it('sends a term the file repeats once, as first written', async () => {
    const got = await collect(
      chunks(
        wxr(`<wp:category><wp:category_nicename>design</wp:category_nicename><wp:cat_name>Design</wp:cat_name>
            <wp:category_description>first</wp:category_description></wp:category>
          <wp:term><wp:term_taxonomy>category</wp:term_taxonomy><wp:term_slug>design</wp:term_slug>
            <wp:term_description>second</wp:term_description></wp:term>
          <wp:term><wp:term_taxonomy>post_tag</wp:term_taxonomy><wp:term_slug>design</wp:term_slug></wp:term>`),
      ),
    );
    expect(got.terms.map((t) => [t.taxonomy, t.slug, t.description])).toEqual([
      ['category', 'design', 'first'],
      ['post_tag', 'design', ''],
    ]);
  });

  it('reads WXR 1.0 item categories: domain "tag" is post_tag, attribute-less duplicates are skipped', async () => {
    const got = await collect(
      chunks(
        wxr(`<item><wp:post_id>1</wp:post_id><category><![CDATA[alpha]]></category>
          <category domain="category" nicename="alpha"><![CDATA[alpha]]></category>
          <category domain="tag"><![CDATA[news]]></category><category domain="tag" nicename="news">news</category>
          <category domain="tag" nicename="news">news</category></item>`),
      ),
    );
    expect(got.items[0]?.terms).toEqual([
      { taxonomy: 'category', slug: 'alpha', name: 'alpha' },
      { taxonomy: 'post_tag', slug: 'news', name: 'news' },
    ]);
  });

  it('accepts a file without wp:wxr_version (the namespace says it is WXR) and gives it as empty', async () => {
    const got = await collect(chunks(wxr('<item><wp:post_id>1</wp:post_id></item>', '<title>Old</title>')));
    expect(got.site?.wxrVersion).toBe('');
    expect(got.items).toHaveLength(1);
  });
});

describe('readWxr: as a stream', () => {
  it('reads byte chunks that split multi-byte characters', async () => {
    const file = wxr(`<item><title>Ёжик 🦔 مرحبا ‏</title><wp:post_id>1</wp:post_id></item>`);
    for (const size of [1, 2, 3, 5]) {
      const got = await collect(chunks(file, size, true));
      expect(got.items[0]?.title).toBe('Ёжик 🦔 مرحبا ‏');
    }
  });

  it('drops a byte-order mark and keeps U+FEFF that is content', async () => {
    const file = `\uFEFF${wxr('<item><title>\uFEFFa</title><wp:post_id>1</wp:post_id></item>')}`;
    for (const bytes of [false, true]) {
      const got = await collect(chunks(file, 3, bytes));
      expect(got.items[0]?.title).toBe('\uFEFFa');
    }
  });

  it('decodes the encoding the XML declaration names', async () => {
    const text = wxr('<item><title>Café naïve</title><wp:post_id>1</wp:post_id></item>').replace(
      'encoding="UTF-8"',
      'encoding="ISO-8859-1"',
    );
    const latin1 = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const got = await collect(
      (async function* () {
        yield latin1;
      })(),
    );
    expect(got.items[0]?.title).toBe('Café naïve');
  });

  it('pulls input only as events are pulled, and closes it when the consumer stops', async () => {
    const items = Array.from(
      { length: 200 },
      (_, i) => `<item><wp:post_id>${i + 1}</wp:post_id></item>`,
    ).join('\n');
    const file = wxr(items);
    let pulled = 0;
    let closed = false;
    async function* input() {
      try {
        for (let i = 0; i < file.length; i += 100) {
          pulled++;
          yield file.slice(i, i + 100);
        }
      } finally {
        closed = true;
      }
    }
    const total = Math.ceil(file.length / 100);
    for await (const event of readWxr(input())) {
      if (event.kind === 'item' && event.item.id === 3) break;
    }
    expect(pulled).toBeLessThan(total / 10);
    expect(closed).toBe(true);
  });
});
