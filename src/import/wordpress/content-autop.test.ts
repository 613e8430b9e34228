import { describe, expect, it } from 'vitest';
import { shortcodeUnautop, wpautop } from './content-autop.ts';

/** Expected outputs are WordPress's own, from its wpautop unit tests (tests/phpunit/tests/formatting). */
describe('wpautop, as WordPress does it', () => {
  it('makes paragraphs of blank-line-separated text and <br /> of single line breaks', () => {
    expect(wpautop('line one\nline two\n\nsecond para')).toBe(
      '<p>line one<br />\nline two</p>\n<p>second para</p>\n',
    );
    expect(wpautop('  \n\t ')).toBe('');
  });

  it('leaves <pre> alone, and wraps the text around it', () => {
    const input =
      'Look at this code\n\n<pre>Line1<br />Line2<br>Line3<br/>Line4\nActual Line 2\nActual Line 3</pre>\n\nCool, huh?';
    expect(wpautop(input).trim()).toBe(
      '<p>Look at this code</p>\n<pre>Line1<br />Line2<br>Line3<br/>Line4\nActual Line 2\nActual Line 3</pre>\n<p>Cool, huh?</p>',
    );
  });

  it('does not wrap block-level elements, and wraps inline ones', () => {
    const blocks = [
      'table',
      'div',
      'dl',
      'ul',
      'ol',
      'pre',
      'form',
      'address',
      'math',
      'p',
      'h2',
      'section',
      'figure',
      'details',
    ];
    expect(wpautop(blocks.map((b) => `<${b}>foo</${b}>`).join('\n\n')).trim()).toBe(
      blocks.map((b) => `<${b}>foo</${b}>`).join('\n'),
    );
    const inlines = ['a', 'em', 'strong', 'code', 'span', 'del', 'select'];
    expect(wpautop(inlines.map((b) => `<${b}>foo</${b}>`).join('\n\n')).trim()).toBe(
      inlines.map((b) => `<p><${b}>foo</${b}></p>`).join('\n'),
    );
  });

  it('takes <hr /> out of the paragraphs around it', () => {
    expect(wpautop('a\n<hr />\nb')).toBe('<p>a</p>\n<hr />\n<p>b</p>\n');
  });

  it('puts a blockquote’s text in a paragraph inside it', () => {
    expect(wpautop('<blockquote>foo</blockquote>').trim()).toBe('<blockquote><p>foo</p></blockquote>');
  });

  it('adds no <br /> inside tags, around <input> or between <option>s', () => {
    const form =
      'Username: <input type="text" id="username" name="username" /><br />Password: <input type="password" id="password1" name="password1" />';
    expect(wpautop(form).trim()).toBe(`<p>${form}</p>`);
    const select =
      'Country: <select id="state" name="state"><option value="1">Alabama</option><option value="2">Alaska</option></select>';
    expect(wpautop(select).trim()).toBe(`<p>${select}</p>`);
    expect(wpautop('<a\nhref="x">link</a>\ntext').trim()).toBe('<p><a\nhref="x">link</a><br />\ntext</p>');
  });

  it('collapses the line breaks inside <video> around <source> and <track>', () => {
    const input =
      'Paragraph one.\n\n<video controls="controls">\n\t<source type="video/mp4" src="http://x.test/a.mp4" />\n' +
      '\t<!-- WebM -->\n\t<track kind="subtitles" src="s.srt" srclang="en" />\n\t<a href="http://x.test/a.mp4">http://x.test/a.mp4</a>\n</video>\n\nParagraph two.';
    expect(wpautop(input).trim()).toBe(
      '<p>Paragraph one.</p>\n<p><video controls="controls"><source type="video/mp4" src="http://x.test/a.mp4" />' +
        '<!-- WebM --><track kind="subtitles" src="s.srt" srclang="en" /><a href="http://x.test/a.mp4">http://x.test/a.mp4</a></video></p>\n' +
        '<p>Paragraph two.</p>',
    );
  });

  it('collapses the line breaks inside <object> around <param> and <embed>', () => {
    const input =
      'Paragraph one.\n\n<object width="400">\n\t<param name="src" value="http://x.test/a.swf" />\n\n' +
      '\t<embed src="http://x.test/a.swf" />\n</object>\n\nParagraph two.';
    expect(wpautop(input).trim()).toBe(
      '<p>Paragraph one.</p>\n<p><object width="400"><param name="src" value="http://x.test/a.swf" />' +
        '<embed src="http://x.test/a.swf" /></object></p>\n<p>Paragraph two.</p>',
    );
  });

  it('treats only ASCII whitespace as whitespace, as PHP does: a no-break space is text', () => {
    expect(wpautop('a\u00a0\nb')).toBe('<p>a\u00a0<br />\nb</p>\n');
  });

  it('keeps line breaks inside <script>, <style> and <svg>', () => {
    expect(wpautop('<script>\nvar a = 1;\nvar b = 2;\n</script>')).toBe(
      '<p><script>\nvar a = 1;\nvar b = 2;\n</script></p>\n',
    );
  });
});

describe('shortcode_unautop', () => {
  it('unwraps a shortcode that wpautop put alone in a paragraph, and only a known one', () => {
    const html = wpautop(
      'Text\n\n[gallery ids="1,2"]\n\n[caption width="1"]<img src="a" /> Cap[/caption]\n\n[unknown]',
    );
    expect(shortcodeUnautop(html, ['gallery', 'caption'])).toBe(
      '<p>Text</p>\n[gallery ids="1,2"]\n[caption width="1"]<img src="a" /> Cap[/caption]\n<p>[unknown]</p>\n',
    );
  });
});
