import { describe, expect, it } from 'vitest';
import { createFormatter } from './markdown.ts';

const format = createFormatter();

describe('post()', () => {
  it('renders long-form Markdown: headings, quotes, code, tables, lists', () => {
    const out = format.post(
      '## Context\n\nSome *text* and **more**.\n\n> A quote\n\n```ts\nconst x = 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n1. one\n2. two',
    );
    expect(out).toContain('<h2>Context</h2>');
    expect(out).toContain('<em>text</em>');
    expect(out).toContain('<blockquote>');
    expect(out).toContain('<code class="language-ts">');
    expect(out).toContain('<table>');
    expect(out).toContain('<ol>');
  });

  it('keeps the page title the only h1 by moving every heading down a level when the post uses #', () => {
    const out = format.post('# Part one\n\n## Section\n\n###### Deep');
    expect(out).toContain('<h2>Part one</h2>');
    expect(out).toContain('<h3>Section</h3>');
    expect(out).toContain('<h6>Deep</h6>');
    expect(out).not.toContain('<h1');
  });

  it('allows figures and responsive images with their dimensions', () => {
    const out = format.post(
      '<figure><picture><source type="image/webp" srcset="/media/a.webp 800w"><img src="/media/a.jpg" srcset="/media/a-800.jpg 800w, /media/a.jpg 1600w" sizes="100vw" alt="A square" width="1600" height="900"></picture><figcaption>Caption</figcaption></figure>',
    );
    expect(out).toContain('<figure>');
    expect(out).toContain('<source type="image/webp" srcset="/media/a.webp 800w" />');
    expect(out).toMatch(
      /<img src="\/media\/a.jpg" srcset="[^"]+" sizes="100vw" alt="A square" width="1600" height="900"/,
    );
    expect(out).toContain('<figcaption>Caption</figcaption>');
  });

  it('drops iframes, scripts, styles, event handlers and style attributes', () => {
    const out = format.post(
      '<iframe src="https://evil.example/"></iframe><p style="color:red" onclick="x()">Hi</p><style>p{}</style><script>alert(1)</script>',
    );
    expect(out).toBe('<p>Hi</p>');
  });

  it('refuses javascript: and data: URLs, in links and in images', () => {
    const out = format.post(
      '[a](javascript:alert(1)) <a href="JaVaScRiPt:alert(1)">b</a> <img src="data:image/png;base64,AAAA" alt="d"> ![e](data:image/gif;base64,R0lGOD)',
    );
    expect(out).not.toMatch(/(?:href|src)="(?:javascript|data):/i);
    expect(out).toContain('<a>b</a>');
  });

  it('adds rel="noopener" to links opening a new tab and removes other targets', () => {
    expect(format.post('<a href="https://example.org" target="_blank">x</a>')).toContain(
      '<a href="https://example.org" target="_blank" rel="noopener">x</a>',
    );
    expect(format.post('<a href="https://example.org" target="_top" rel="opener">x</a>')).toContain(
      '<a href="https://example.org">x</a>',
    );
  });

  it('drops ids the page itself uses, so a post cannot hijack the comment form or skip link', () => {
    const out = format.post('<div id="respond">a</div><p id="comment-3">b</p><h2 id="background">c</h2>');
    expect(out).toBe('<div>a</div><p>b</p><h2 id="background">c</h2>');
  });

  it('keeps straight quotes as typed by default, and curls them in the language of a smart site', () => {
    expect(format.post('"Yes" -- no')).toBe('<p>"Yes" -- no</p>');
    expect(format.post('"Да"', { typography: 'smart', language: 'ru' })).toBe('<p>«Да»</p>');
    expect(format.post('"Yes"', { typography: 'smart', language: 'en' })).toBe('<p>“Yes”</p>');
  });
});

describe('comment()', () => {
  it('renders paragraphs, line breaks, emphasis, code, quotes and lists', () => {
    const out = format.comment(
      'First *line*\nsecond **line** `code`\n\n> quoted\n\n- a\n- b\n\n```\nblock\n```',
    );
    expect(out).toContain('<p>First <em>line</em><br />\nsecond <strong>line</strong> <code>code</code></p>');
    expect(out).toContain('<blockquote>');
    expect(out).toContain('<ul>');
    expect(out).toContain('<pre><code>block\n</code></pre>');
  });

  it('has no headings, images, tables or rules', () => {
    const out = format.comment(
      '# Big\n\n![pic](https://example.org/a.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---',
    );
    expect(out).not.toMatch(/<h\d|<img|<table|<hr/);
    expect(out).toContain('# Big');
  });

  it('shows raw HTML as the text the reader typed', () => {
    expect(format.comment('<b>bold</b> <script>alert(1)</script>')).toBe(
      '<p>&lt;b&gt;bold&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });

  it('links http(s) and mailto URLs, autolinked too, always with rel="nofollow ugc noopener"', () => {
    const out = format.comment(
      'See [this](https://example.org/a) and https://example.net or <mailto:a@example.org>',
    );
    expect(out).toContain('<a href="https://example.org/a" rel="nofollow ugc noopener">this</a>');
    expect(out).toContain(
      '<a href="https://example.net" rel="nofollow ugc noopener">https://example.net</a>',
    );
    expect(out).toContain('<a href="mailto:a@example.org" rel="nofollow ugc noopener">');
  });

  it('does not link other schemes or relative URLs', () => {
    const out = format.comment(
      '[a](javascript:alert(1)) [b](/admin/) [c](ftp://example.org) [d](data:text/html,x)',
    );
    expect(out).not.toContain('<a');
  });
});

describe('html() and commentHtml(): HTML brought in from elsewhere', () => {
  it('keeps an imported post’s markup through the post allowlist, and nothing dangerous', () => {
    const out = format.html(
      '<h1>Part</h1><p dir="rtl">متن <a href="/old/" target="_blank" onclick="x()">link</a></p>' +
        '<figure><img src="/media/2019/05/a.jpg" alt="A" width="10" height="5" onerror="x()"><figcaption>Cap</figcaption></figure>' +
        '<script>alert(1)</script><iframe src="https://evil.example/"></iframe><p style="color:red">Ёлка</p>',
    );
    expect(out).toContain('<h2>Part</h2>');
    expect(out).toContain('<p dir="rtl">متن <a href="/old/" target="_blank" rel="noopener">link</a></p>');
    expect(out).toContain('<img src="/media/2019/05/a.jpg" alt="A" width="10" height="5" />');
    expect(out).toContain('<figcaption>Cap</figcaption>');
    expect(out).toContain('<p>Ёлка</p>');
    expect(out).not.toMatch(/script|iframe|onclick|onerror|style=/);
  });

  it('narrows an imported comment to the comment allowlist', () => {
    const out = format.commentHtml(
      '<p>Спасибо! <a href="https://example.org/">site</a> <a href="javascript:alert(1)">bad</a></p><h2>Big</h2><img src="x.jpg">',
    );
    expect(out).toBe(
      '<p>Спасибо! <a href="https://example.org/" rel="nofollow ugc noopener">site</a> bad</p>Big',
    );
  });

  it('keeps an imported comment’s links to this site’s own pages, and no path that leaves it', () => {
    expect(format.commentHtml('<a href="/round-table/#comment-1">ours</a>')).toBe(
      '<a href="/round-table/#comment-1" rel="nofollow ugc noopener">ours</a>',
    );
    expect(format.commentHtml('<a href="//evil.example/">a</a> <a href="/\\evil.example/">b</a>')).toBe(
      'a b',
    );
    expect(format.comment('[ours](/round-table/)')).toBe('<p>[ours](/round-table/)</p>');
  });
});
