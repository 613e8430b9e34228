import { describe, expect, it } from 'vitest';
import { readPostDraft } from './post-file.ts';

describe('readPostDraft', () => {
  it('reads a full front matter', () => {
    const draft = readPostDraft(
      {
        title: 'Выборы в Казахстане',
        date: new Date('2026-03-01T09:00:00Z'),
        status: 'publish',
        tags: ['politics', 'Kazakhstan'],
        categories: ['World > Central Asia'],
        comments: 'closed',
        image: 'photo.jpg',
        image_alt: 'Queue at a polling station',
        image_credit: 'A. Reporter',
      },
      'Body',
    );
    expect(draft.ok && draft.value).toMatchObject({
      slug: 'выборы-в-казахстане',
      status: 'published',
      categories: [['World', 'Central Asia']],
      commentStatus: 'closed',
      image: { file: 'photo.jpg', alt: 'Queue at a polling station', credit: 'A. Reporter', caption: '' },
    });
  });

  it('lists every problem at once', () => {
    const draft = readPostDraft(
      { date: 'yesterday-ish', status: 'live', comments: 'maybe', colour: 'red' },
      '',
    );
    expect(draft.ok).toBe(false);
    if (draft.ok) return;
    expect(draft.error).toEqual(
      expect.arrayContaining([
        'colour: unknown field',
        'title: required',
        expect.stringMatching(/^status:/),
        expect.stringMatching(/^date:/),
        'comments: expected open or closed',
        'body: the post has no text',
      ]),
    );
  });
});
