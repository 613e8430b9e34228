import { describe, expect, it } from 'vitest';
import { cleanBody, cleanName, normalizeCommentInput, validateCommentInput } from './validate.ts';

const valid = { comment: 'Спасибо за статью', author: 'Сәуле', email: 'saule@example.kz', url: '' };

describe('comment input', () => {
  it('accepts a complete comment in any script', () => {
    expect(validateCommentInput(valid, 1000)).toEqual({});
  });

  it('names each missing or wrong field', () => {
    expect(
      validateCommentInput(
        { comment: '', author: '', email: 'not-an-email', url: 'javascript:alert(1)' },
        1000,
      ),
    ).toEqual({
      comment: 'required',
      author: 'required',
      email: 'invalid',
      url: 'invalid',
    });
    expect(validateCommentInput({ ...valid, comment: 'x'.repeat(11) }, 10)).toEqual({ comment: 'too-long' });
  });

  it('refuses a website whose host is not a host name, and keeps international ones', () => {
    const url = (value: string) => normalizeCommentInput({ ...valid, url: value }).url;
    expect(validateCommentInput({ ...valid, url: url(`https://';alert(1)//".example`) }, 100)).toEqual({
      url: 'invalid',
    });
    expect(validateCommentInput({ ...valid, url: url('https://сайт.қаз/жол') }, 100)).toEqual({});
    expect(url('https://сайт.қаз/жол')).toMatch(/^https:\/\/xn--/);
  });

  it('trims, normalises line ends and gives a bare website a scheme', () => {
    const n = normalizeCommentInput({
      comment: ' a\r\nb ',
      author: ' A ',
      email: ' a@b.cd ',
      url: 'example.org',
    });
    expect(n).toEqual({ comment: 'a\nb', author: 'A', email: 'a@b.cd', url: 'https://example.org/' });
    expect(
      validateCommentInput(
        { ...valid, url: normalizeCommentInput({ ...valid, url: 'example.org' }).url },
        100,
      ),
    ).toEqual({});
  });

  it('stores names as NFC without controls, bidi overrides, isolates or zero-width spaces', () => {
    expect(cleanName('\u202eAdmin\u202c')).toBe('Admin');
    expect(cleanName('\u2066Ad\u200bmin\u2069\u200e\u200f\u061c')).toBe('Admin');
    expect(cleanName('Ad\u0000m\u0007in\u0085\u009b')).toBe('Admin');
    expect(cleanName(' Line\none\ttab  ')).toBe('Line one tab');
    // "é" typed as e + combining acute is stored precomposed, so one name has one spelling.
    expect(cleanName('Ame\u0301lie')).toBe('Am\u00e9lie');
    expect(cleanName('\ud800broken')).toBe('\ufffdbroken');
  });

  it('keeps the joiners that Persian, Indic scripts and emoji need', () => {
    expect(cleanName('می\u200cخواهم')).toBe('می\u200cخواهم');
    expect(cleanName('👩\u200d👩\u200d👧 Family')).toBe('👩\u200d👩\u200d👧 Family');
    expect(cleanName('क्\u200dष')).toBe('क्\u200dष');
  });

  it('removes NUL and control characters from bodies, keeping lines and tabs', () => {
    expect(cleanBody('a\u0000b\r\n\tc\u001bd\re')).toBe('ab\n\tcd\ne');
    const n = normalizeCommentInput({ ...valid, comment: '\u0000 text \u0000', author: 'Ер\u0000лан\u202e' });
    expect(n.comment).toBe('text');
    expect(n.author).toBe('Ерлан');
  });

  it('refuses a website with a user name or password, with or without a scheme', () => {
    const check = (url: string) => validateCommentInput(normalizeCommentInput({ ...valid, url }), 100);
    expect(check('http://user:pass@example.org/')).toEqual({ url: 'credentials' });
    expect(check('https://bank.example@evil.example/')).toEqual({ url: 'credentials' });
    expect(check('user:pass@example.org')).toEqual({ url: 'credentials' });
    expect(check('https://example.org/@someone')).toEqual({});
    expect(normalizeCommentInput({ ...valid, url: 'https://exa\u200bmple.org/\u202e' }).url).toBe(
      'https://example.org/',
    );
  });
});
