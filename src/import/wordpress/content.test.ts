import { describe, expect, it } from 'vitest';
import { convertContent, type ContentOptions } from './content.ts';

/** The old site is old.example; its posts move under /posts/. */
const options: ContentOptions = {
  rewriteUrl: (url) => {
    const m = /^(?:https?:\/\/old\.example)?(\/\d{4}\/\d\d\/[\w-]+\/?|\/wp-content\/[^?#]+)/.exec(url);
    if (!m) return undefined;
    return m[1]!.startsWith('/wp-content/')
      ? `/media${m[1]!.slice(11)}`
      : `/posts/${m[1]!.split('/').filter(Boolean).pop()}/`;
  },
};
const convert = (raw: string) => convertContent(raw, options);

describe('convertContent: classic content', () => {
  it('gets WordPress’s paragraphs and line breaks', () => {
    expect(convert('First line\nsecond line\n\nNew paragraph\r\n\r\n<h2>Title</h2>\nAfter').html).toBe(
      '<p>First line<br />\nsecond line</p>\n<p>New paragraph</p>\n<h2>Title</h2>\n<p>After</p>',
    );
  });

  it('gives nothing for empty content, and no notes for plain content', () => {
    expect(convert(' \n ')).toEqual({ html: '', notes: [] });
    expect(convert('Just text.')).toEqual({ html: '<p>Just text.</p>', notes: [] });
  });

  it('turns [caption] into a figure with its caption, link and image kept', () => {
    const { html, notes } = convert(
      'Before\n\n[caption id="attachment_5" align="alignleft" width="300"]<a href="http://old.example/wp-content/uploads/a.jpg">' +
        '<img src="http://old.example/wp-content/uploads/a-300x200.jpg" alt="A" /></a> A <em>fine</em> photo. Photo: Anna[/caption]\n\nAfter',
    );
    expect(html).toBe(
      '<p>Before</p>\n<figure class="wp-caption alignleft"><a href="/media/uploads/a.jpg"><img src="/media/uploads/a-300x200.jpg" alt="A" /></a>' +
        '<figcaption class="wp-caption-text">A <em>fine</em> photo. Photo: Anna</figcaption></figure>\n<p>After</p>',
    );
    expect(notes).toEqual([]);
  });

  it('reads the old caption="…" form, and keeps a caption WordPress would drop for lack of a width', () => {
    expect(convert('[caption caption="Old style"]<img src="x.jpg" />[/caption]').html).toBe(
      '<figure class="wp-caption alignnone"><img src="x.jpg" /><figcaption class="wp-caption-text">Old style</figcaption></figure>',
    );
  });

  it('keeps a gallery visible as a placeholder naming its attachments, and lists it', () => {
    const { html, notes } = convert('Look:\n\n[gallery ids="12, 13,14" columns="2"]\n\n[gallery]');
    expect(html).toBe(
      '<p>Look:</p>\n<p class="wp-gallery" data-ids="12,13,14">Gallery of 3 images</p>\n<p class="wp-gallery">Gallery of this post’s media</p>',
    );
    expect(notes).toEqual([
      '[gallery] kept as a placeholder paragraph: attachments 12, 13, 14',
      '[gallery] kept as a placeholder paragraph: the post’s attachments',
    ]);
  });

  it('makes [embed] and a URL alone on its line into links, and lists players it replaces', () => {
    const { html, notes } = convert(
      'Watch:\n\n[embed width="500"]https://www.youtube.com/watch?v=abc&amp;t=1[/embed]\n\nhttps://vimeo.com/123\n\n' +
        'https://example.org/page\n\nInline https://example.org/x stays text.',
    );
    expect(html).toBe(
      '<p>Watch:</p>\n<p><a href="https://www.youtube.com/watch?v=abc&amp;t=1">https://www.youtube.com/watch?v=abc&amp;t=1</a></p>\n' +
        '<p><a href="https://vimeo.com/123">https://vimeo.com/123</a></p>\n' +
        '<p><a href="https://example.org/page">https://example.org/page</a></p>\n<p>Inline https://example.org/x stays text.</p>',
    );
    expect(notes).toEqual([
      'embedded media from www.youtube.com shown as a link: https://www.youtube.com/watch?v=abc&t=1',
      'embedded media from vimeo.com shown as a link: https://vimeo.com/123',
    ]);
  });

  it('links the file of [audio] and [video], and keeps one without a file as text', () => {
    const { html, notes } = convert(
      '[audio mp3="https://old.example/wp-content/a.mp3"]\n\n[video width="640"][/video]',
    );
    expect(html).toBe(
      '<a href="/media/a.mp3">https://old.example/wp-content/a.mp3</a>\n[video width="640"][/video]',
    );
    expect(notes).toEqual([
      '[audio] shown as a link to its file: https://old.example/wp-content/a.mp3',
      '[video] without a file URL kept as text',
    ]);
  });

  it('keeps unknown shortcodes as text and lists them, but not brackets in prose or code', () => {
    const { html, notes } = convert(
      '[contact-form-7 id="5" title="Contact"]\n\n[toc]\n\n[note]Careful[/note] — he said [sic], see [1].\n\n' +
        '<pre>a[i] = b[j]</pre>\n\n[[gallery]] is how you write it.',
    );
    expect(html).toContain('<p>[contact-form-7 id="5" title="Contact"]</p>');
    expect(html).toContain('[note]Careful[/note] — he said [sic], see [1].');
    expect(html).toContain('<p>[gallery] is how you write it.</p>');
    expect(notes).toEqual([
      'shortcode [contact-form-7] is not supported: kept as text',
      'shortcode [note] is not supported: kept as text',
    ]);
  });

  it('does not run shortcodes inside tags or comments', () => {
    expect(convert('<a title="[gallery]" href="#">x</a> <!-- [gallery] -->').html).toBe(
      '<p><a title="[gallery]" href="#">x</a> <!-- [gallery] --></p>',
    );
  });

  it('turns iframes and players into links, and names what our posts do not keep', () => {
    const { html, notes } = convert(
      '<iframe src="//www.youtube.com/embed/xyz" width="560"></iframe>\n\n<video src="https://cdn.test/v.mp4">Your browser…</video>\n\n' +
        '<script src="https://platform.twitter.com/widgets.js"></script>',
    );
    expect(html).toContain(
      '<p><a href="https://www.youtube.com/embed/xyz">https://www.youtube.com/embed/xyz</a></p>',
    );
    expect(html).toContain('<p><a href="https://cdn.test/v.mp4">https://cdn.test/v.mp4</a></p>');
    expect(notes).toEqual([
      '<iframe> from www.youtube.com shown as a link: https://www.youtube.com/embed/xyz',
      '<video> from cdn.test shown as a link: https://cdn.test/v.mp4',
      '<script> is not kept in posts',
    ]);
  });

  it('keeps <!--more--> and <!--nextpage--> out of paragraphs, and lists page breaks', () => {
    const { html, notes } = convert('Teaser\n\n<!--more-->\n\nRest\n\n<!--nextpage-->\n\nPage two');
    expect(html).toBe('<p>Teaser</p>\n<!--more-->\n<p>Rest</p>\n<!--nextpage-->\n<p>Page two</p>');
    expect(notes).toEqual(['page breaks (<!--nextpage-->): the post is shown as one page']);
  });
});

describe('convertContent: block editor content', () => {
  it('drops the block comments, keeps their HTML, and adds no paragraphs of its own', () => {
    const raw =
      '<!-- wp:paragraph {"align":"center"} -->\n<p class="has-text-align-center">One\nline</p>\n<!-- /wp:paragraph -->\n\n' +
      '<!-- wp:image {"id":5} -->\n<figure class="wp-block-image"><img src="https://old.example/wp-content/uploads/x.jpg" alt=""/></figure>\n<!-- /wp:image -->';
    expect(convert(raw).html).toBe(
      '<p class="has-text-align-center">One\nline</p>\n\n\n\n<figure class="wp-block-image"><img src="/media/uploads/x.jpg" alt=""/></figure>',
    );
  });

  it('makes an embed saved as a lone comment a link, and lists blocks WordPress builds on display', () => {
    const { html, notes } = convert(
      '<!-- wp:embed {"url":"https://twitter.com/x/status/1","type":"rich"} /-->\n\n<!-- wp:latest-posts {"postsToShow":3} /-->\n\n' +
        '<!-- wp:block {"ref":42} /-->\n\n<!-- wp:social-link {"url":"https://mastodon.social/@a","service":"mastodon"} /-->',
    );
    expect(html).toBe(
      '<p><a href="https://twitter.com/x/status/1">https://twitter.com/x/status/1</a></p>\n\n\n\n\n\n' +
        '<li><a href="https://mastodon.social/@a">mastodon</a></li>',
    );
    expect(notes).toEqual([
      'embedded media from twitter.com shown as a link: https://twitter.com/x/status/1',
      'dynamic block wp:latest-posts is not converted (WordPress builds it when the page is shown)',
      'reusable block 42 is not included',
      'block wp:social-link shown as a link',
    ]);
  });

  it('links the URL of an embed block and runs shortcodes in a shortcode block', () => {
    const { html } = convert(
      '<!-- wp:embed {"url":"https://youtu.be/x"} -->\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n' +
        'https://youtu.be/x\n</div></figure>\n<!-- /wp:embed -->\n\n<!-- wp:shortcode -->\n[gallery ids="1"]\n<!-- /wp:shortcode -->',
    );
    expect(html).toContain(
      '<div class="wp-block-embed__wrapper">\n<a href="https://youtu.be/x">https://youtu.be/x</a>\n</div>',
    );
    expect(html).toContain('<p class="wp-gallery" data-ids="1">Gallery of 1 images</p>');
  });
});

describe('convertContent: internal links', () => {
  it('maps href, src and every srcset candidate, absolute or root-relative, and leaves the rest byte for byte', () => {
    const { html } = convert(
      '<a href="https://old.example/2020/01/hello-world/?a=1&#038;b=2" class="x">Old</a> <a href=\'/2021/02/second/\'>root</a> ' +
        '<a href="https://other.example/2020/01/x/">other</a> <a href="mailto:a@b.c">mail</a> <a href="#top">top</a>\n\n' +
        '<img src=http://old.example/wp-content/uploads/a.jpg srcset="http://old.example/wp-content/uploads/a-300.jpg 300w, https://cdn.example/a.jpg 2x" />\n\n' +
        '<!-- <a href="https://old.example/2020/01/hidden/">comment</a> -->',
    );
    expect(html).toBe(
      '<p><a href="/posts/hello-world/" class="x">Old</a> <a href="/posts/second/">root</a> ' +
        '<a href="https://other.example/2020/01/x/">other</a> <a href="mailto:a@b.c">mail</a> <a href="#top">top</a></p>\n' +
        '<p><img src="/media/uploads/a.jpg" srcset="/media/uploads/a-300.jpg 300w, https://cdn.example/a.jpg 2x" /></p>\n' +
        '<p><!-- <a href="https://old.example/2020/01/hidden/">comment</a> --></p>',
    );
  });
});
