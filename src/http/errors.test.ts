import { describe, expect, it } from 'vitest';
import { commentFailure, httpFailure } from './errors.ts';

describe('the failure table', () => {
  it('gives a refused comment back on its form, with what to show and how long to wait', () => {
    expect(commentFailure({ type: 'rate-limited', retryAfter: 42 })).toMatchObject({
      status: 429,
      page: 'form',
      errors: { form: 'rate-limited' },
      retryAfter: 42,
      headers: { 'Retry-After': '42' },
    });
    expect(commentFailure({ type: 'invalid', errors: { email: 'invalid' } })).toMatchObject({
      status: 422,
      page: 'form',
      errors: { email: 'invalid' },
    });
  });

  it('answers a comment on a post the public cannot see with the 404 page', () => {
    expect(commentFailure({ type: 'post-not-found' })).toMatchObject({ status: 404, page: 'not-found' });
    expect(httpFailure({ type: 'page-not-found' }).status).toBe(404);
  });
});
