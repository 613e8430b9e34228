import { describe, expect, it } from 'vitest';
import { normalizeCommentInput, validateCommentInput } from './validate.ts';

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
});
