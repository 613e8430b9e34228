import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../core/site/settings.ts';
import { renderListPage, renderNotFound, renderPostPage } from '../index.ts';
import * as sample from '../../../test/support/views.ts';
import type { CommentFormState } from '../views.ts';

const dom = (html: string) => parseDocument(html);
const byId = (html: string, id: string): Element | null => DomUtils.getElementById(id, dom(html).children);
const all = (html: string, tag: string): Element[] => DomUtils.getElementsByTagName(tag, dom(html).children);

function everyPage(): [string, string][] {
  return LANGUAGES.flatMap((language) => [
    [`post ${language}`, renderPostPage(sample.postPage({}, language))],
    [`home ${language}`, renderListPage(sample.listPage({}, language))],
    [`tag ${language}`, renderListPage(sample.listPage({ kind: 'tag', heading: 'Elections' }, language))],
    [`404 ${language}`, renderNotFound(sample.notFoundPage(language))],
  ]);
}

describe('every page', () => {
  it('sets lang from the site language', () => {
    for (const language of LANGUAGES) {
      expect(renderPostPage(sample.postPage({}, language))).toContain(`<html lang="${language}"`);
      expect(renderNotFound(sample.notFoundPage(language))).toContain(`<html lang="${language}"`);
    }
  });

  it('has no inline style or script, and no event handler (the CSP allows none)', () => {
    for (const [name, html] of everyPage()) {
      // JSON-LD is a data block: browsers never run it, and the CSP does not apply to it.
      expect(html, name).not.toMatch(
        /<style|\sstyle=|<script(?![^>]*\s(?:src=|type="application\/ld\+json"))[^>]*>/i,
      );
      const handlers = DomUtils.findAll(
        (el) => Object.keys(el.attribs).some((a) => /^on/i.test(a)),
        dom(html).children,
      );
      expect(handlers, name).toEqual([]);
    }
  });

  it('has exactly one h1, a main landmark and a skip link to it', () => {
    for (const [name, html] of everyPage()) {
      expect(all(html, 'h1'), name).toHaveLength(1);
      expect(all(html, 'main'), name).toHaveLength(1);
      expect(html, name).toMatch(/<a class="skip-link" href="#content">[^<]+<\/a>/);
      expect(byId(html, 'content')?.name, name).toBe('main');
    }
  });

  it('links the hashed stylesheet', () => {
    expect(renderNotFound(sample.notFoundPage())).toMatch(
      /<link rel="stylesheet" href="\/assets\/theme\.[0-9a-f]{8}\.css">/,
    );
  });
});

describe('post page', () => {
  it('shows title, byline, featured image with caption and credit, body and terms', () => {
    const html = renderPostPage(sample.postPage());
    expect(html).toContain('<h1>What happened on the square</h1>');
    expect(html).toContain('<a href="/author/aigerim/">Aigerim Nurlanovna</a>');
    expect(html).toContain('<time datetime="2024-03-03T14:05:00.000Z">March 3, 2024</time>');
    expect(html).toMatch(
      /<img src="\/media\/2024\/03\/square-1600\.jpg" srcset="[^"]+800w[^"]+1600w" [^>]*width="2400" height="1350" alt="A crowd on the square"/,
    );
    expect(html).toContain('<source type="image/webp"');
    expect(html).toContain('<span class="credit">Photo: A. Reader</span>');
    expect(html).toContain('<a href="/category/analysis/" rel="tag">Analysis</a>');
    expect(html).toContain('<a href="/tag/elections/" rel="tag">Elections</a>');
  });

  it('escapes a hostile comment author name everywhere it appears', () => {
    const c = sample.comment(9, { authorName: '<script>alert(1)</script>' });
    const html = renderPostPage(sample.postPage({ thread: [sample.node(c)] }));
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('aria-label="Reply to &lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('links an author website only when it is http(s), with rel="nofollow ugc noopener"', () => {
    const good = sample.node(sample.comment(1, { authorUrl: 'https://reader.example/' }));
    const bad = sample.node(sample.comment(2, { authorUrl: 'javascript:alert(1)' }));
    const html = renderPostPage(sample.postPage({ thread: [good, bad] }));
    expect(html).toContain('<a href="https://reader.example/" rel="nofollow ugc noopener">Reader 1</a>');
    expect(html).not.toContain('javascript:');
  });

  it('nests replies in the ordered list of the comment they answer', () => {
    const html = renderPostPage(sample.postPage());
    const parent = byId(html, 'comment-1')!;
    const reply = byId(html, 'comment-2')!;
    expect(parent.name).toBe('li');
    expect(reply.parent?.type === 'tag' && (reply.parent as Element).name).toBe('ol');
    expect(DomUtils.getElementById('comment-2', parent.children)).not.toBeNull();
    expect(DomUtils.getElementById('comment-3', parent.children)).toBeNull();
    expect(html).toContain('href="/the-square/#comment-1"');
    expect(html).toContain('href="/the-square/?replytocom=1#respond"');
  });

  it('marks a held comment and offers no Reply on it', () => {
    const held = sample.node(sample.comment(7), [], { held: true });
    const html = renderPostPage(sample.postPage({ thread: [held] }));
    const item = byId(html, 'comment-7')!;
    expect(item.attribs.class).toContain('is-held');
    expect(DomUtils.textContent(item)).toContain('Your comment is awaiting moderation.');
    expect(html).not.toContain('replytocom=7');
  });

  it('counts comments with plurals', () => {
    expect(renderPostPage(sample.postPage({ commentCount: 1 }))).toContain('>One Comment</h2>');
    expect(renderPostPage(sample.postPage({ commentCount: 21 }, 'ru'))).toContain('>21 комментарий</h2>');
    expect(renderPostPage(sample.postPage({ commentCount: 0, thread: [] }))).toContain(
      '>No comments yet</h2>',
    );
  });

  it('renders the same bytes for every anonymous reader of the same view', () => {
    expect(renderPostPage(sample.postPage())).toBe(renderPostPage(sample.postPage()));
  });

  it('stays small without comments: a few KB beyond the post body', () => {
    const view = sample.postPage({ thread: [], commentCount: 0 });
    const bytes = Buffer.byteLength(renderPostPage(view)) - Buffer.byteLength(view.post.post.html);
    // The frame, the form and the link-preview tags (about 1.5 KB of them).
    expect(bytes).toBeLessThan(8 * 1024);
  });
});

describe('comment form', () => {
  const state: CommentFormState = {
    values: {
      comment: 'My <b>text</b>\nsecond line',
      author: 'Ann "A"',
      email: 'not-an-email',
      url: 'https://ann.example',
      notifyReplies: true,
      notifyPosts: false,
    },
    errors: { email: 'invalid', form: 'rate-limited' },
    retryAfter: 21,
  };

  it('has labelled fields, hidden inputs, the honeypot and the submit button', () => {
    const html = renderPostPage(sample.postPage());
    for (const id of ['comment', 'author', 'email', 'url', 'notify_replies', 'notify_posts', 'hp_website']) {
      expect(html, id).toMatch(new RegExp(`<label for="${id}">`));
      expect(byId(html, id)?.attribs.name, id).toBe(id);
    }
    expect(byId(html, 'email')!.attribs.type).toBe('email');
    expect(byId(html, 'url')!.attribs).toMatchObject({ type: 'text', inputmode: 'url' });
    expect(byId(html, 'comment')!.attribs.maxlength).toBe('20000');
    expect(html).toContain('<input type="hidden" name="post_id" value="42">');
    expect(html).toContain('<input type="hidden" name="comment_parent" value="0">');
    expect(html).toContain('<input type="hidden" name="token" value="tok.en">');
    expect(html).toMatch(/<div class="hp" aria-hidden="true">.*tabindex="-1" autocomplete="off"/);
    expect(html).toContain('(never published)');
    expect(html).toContain('<button type="submit">Post Comment</button>');
    expect(byId(html, 'commentform')!.attribs).toMatchObject({
      method: 'post',
      action: '/comments#error-summary',
    });
  });

  it('keeps everything the reader typed when it comes back with errors', () => {
    const html = renderPostPage(sample.postPage({ form: { ...sample.postPage().form, state } }));
    expect(html).toContain('>\nMy &lt;b&gt;text&lt;/b&gt;\nsecond line</textarea>');
    expect(html).toContain('value="Ann &quot;A&quot;"');
    expect(html).toContain('value="not-an-email"');
    expect(html).toContain('value="https://ann.example"');
    expect(html).toMatch(/id="notify_replies" name="notify_replies" value="1" checked>/);
    expect(html).toMatch(/id="notify_posts" name="notify_posts" value="1">/);
  });

  it('marks invalid fields and summarises every error at the top', () => {
    const html = renderPostPage(sample.postPage({ form: { ...sample.postPage().form, state } }));
    const email = byId(html, 'email')!;
    expect(email.attribs['aria-invalid']).toBe('true');
    expect(email.attribs['aria-describedby']).toBe('email-error email-note');
    expect(DomUtils.textContent(byId(html, 'email-error')!)).toContain('valid email address');
    expect(byId(html, 'author')!.attribs['aria-invalid']).toBeUndefined();
    const summary = byId(html, 'error-summary')!;
    expect(summary.attribs.role).toBe('alert');
    expect(DomUtils.textContent(summary)).toContain('Please try again in 21 seconds.');
    expect(html).toMatch(/<li><a href="#email">Please enter a valid email address/);
  });

  it('words each error in the site language', () => {
    const ru = renderPostPage(sample.postPage({ form: { ...sample.postPage().form, state } }, 'ru'));
    expect(ru).toContain('через 21 секунду');
    const tooLong = { ...state, errors: { comment: 'too-long' as const } };
    const kk = renderPostPage(sample.postPage({ form: { ...sample.postPage().form, state: tooLong } }, 'kk'));
    expect(kk).toContain('ең көбі 20\u00a0000 таңба');
  });

  it('replies to a comment: heading, parent set and a visible Cancel reply', () => {
    const form = { ...sample.postPage().form, replyTo: { id: 1, authorName: 'Reader 1' } };
    const html = renderPostPage(sample.postPage({ form }));
    expect(DomUtils.textContent(byId(html, 'reply-title')!)).toBe('Reply to Reader 1');
    expect(html).toContain('<input type="hidden" name="comment_parent" value="1">');
    expect(byId(html, 'cancel-reply')!.attribs.hidden).toBeUndefined();
    expect(byId(html, 'cancel-comment-reply-link')!.attribs.href).toBe('/the-square/#respond');
    expect(byId(renderPostPage(sample.postPage()), 'cancel-reply')!.attribs.hidden).toBe('');
  });

  it('says "Comments are closed." instead of the form, with no reply links or script', () => {
    const form = { ...sample.postPage().form, open: false };
    const html = renderPostPage(sample.postPage({ form }));
    expect(html).toContain('Comments are closed.');
    expect(html).not.toContain('id="commentform"');
    expect(html).not.toContain('replytocom');
    expect(html).not.toMatch(/<script(?! type="application\/ld\+json")/);
    expect(html).toContain('id="comment-1"');
  });
});

describe('list pages', () => {
  it('names the site in the h1 of the home page, and the archive in the h1 of others', () => {
    expect(DomUtils.textContent(all(renderListPage(sample.listPage()), 'h1')[0]!)).toBe('Dispatches');
    const tag = renderListPage(
      sample.listPage({ kind: 'tag', heading: 'Elections', basePath: '/tag/elections/' }),
    );
    expect(DomUtils.textContent(all(tag, 'h1')[0]!)).toBe('Tag: Elections');
    const date = renderListPage(sample.listPage({ kind: 'date', heading: 'Март 2024 г.' }, 'ru'));
    expect(DomUtils.textContent(all(date, 'h1')[0]!)).toBe('Архив: Март 2024 г.');
  });

  it('lists posts with title link, byline, excerpt and comment count', () => {
    const html = renderListPage(sample.listPage({}, 'ru'));
    expect(html).toContain('<h2><a href="/the-square/">What happened on the square</a></h2>');
    expect(html).toContain('<a href="/the-square/#comments">3 комментария</a>');
    expect(html).toContain('<p>The first paragraph of a long essay &amp; more.</p>');
  });

  it('pages: page 1 is the base path, older posts go to the next page', () => {
    const html = renderListPage(
      sample.listPage({ page: 2, totalPages: 3, basePath: '/tag/x/', kind: 'tag', heading: 'x' }),
    );
    expect(html).toMatch(/<a class="prev" rel="prev" href="\/tag\/x\/">.*Newer posts<\/a>/);
    expect(html).toMatch(/<a class="next" rel="next" href="\/tag\/x\/page\/3\/">Older posts/);
    expect(html).toContain('Page 2 of 3');
    expect(html).toContain('<link rel="canonical" href="https://example.org/tag/x/page/2/">');
    expect(renderListPage(sample.listPage())).not.toContain('class="pagination"');
  });
});

describe('not found', () => {
  it('helps: says what happened, offers search, home and recent posts, and is not indexed', () => {
    const html = renderNotFound(sample.notFoundPage());
    expect(DomUtils.textContent(all(html, 'h1')[0]!)).toBe('Nothing here');
    expect(html).toContain('There is no page at /missing/.');
    expect(html).toMatch(/<form class="search-form" role="search" method="get" action="\/">/);
    expect(html).toContain('<label for="s">');
    expect(html).toContain('<h3><a href="/the-square/">');
    expect(html).toContain('<meta name="robots" content="noindex">');
  });
});
