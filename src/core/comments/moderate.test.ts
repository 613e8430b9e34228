import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../site/settings.ts';
import { moderate } from './moderate.ts';

const input = { comment: 'A thoughtful reply', author: 'Aigerim', email: 'a@example.kz', url: '' };

describe('moderate (WordPress defaults)', () => {
  it('holds a first comment from an email and approves once that email has an approved one', () => {
    expect(moderate(input, '<p>x</p>', DEFAULT_SETTINGS, false)).toEqual({
      status: 'pending',
      reason: 'first comment from this email',
    });
    expect(moderate(input, '<p>x</p>', DEFAULT_SETTINGS, true).status).toBe('approved');
  });

  it('holds two or more links even from a known reader', () => {
    const html = '<p><a href="https://a.example">a</a> <a href="https://b.example">b</a></p>';
    expect(moderate(input, html, DEFAULT_SETTINGS, true)).toEqual({ status: 'pending', reason: '2 links' });
    expect(moderate(input, '<p><a href="https://a.example">a</a></p>', DEFAULT_SETTINGS, true).status).toBe(
      'approved',
    );
  });

  it('holds a blocked word in any field, case-insensitively, and says which', () => {
    const settings = { ...DEFAULT_SETTINGS, blockedWords: ['casino', 'spam@example.com'] };
    expect(moderate({ ...input, comment: 'Best CASINO here' }, '', settings, true)).toEqual({
      status: 'pending',
      reason: 'blocked word: casino',
    });
    expect(moderate({ ...input, email: 'Spam@Example.com' }, '', settings, true).status).toBe('pending');
  });
});
