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

describe('readPostDraft messages', () => {
  it('names each problem in one line, in the order of the fields', () => {
    const draft = readPostDraft(
      {
        title: 'Ёлка!',
        slug: 'Not A Slug',
        status: 'Live',
        type: 'note',
        date: { when: 'soon' },
        comments: 'maybe',
        sticky: 'yes',
        tags: [{ name: 'x' }],
        categories: 7,
        excerpt: ['a'],
        image: 'photo.jpg',
        colour: 'red',
      },
      '  ',
    );
    expect(draft).toEqual({
      ok: false,
      error: [
        'colour: unknown field',
        'slug: "Not A Slug" is not a valid slug (lowercase letters, digits, dashes)',
        'status: "live" is not one of draft, published, scheduled, private, trash',
        'type: "note" is not post or page',
        'date: "[object Object]" is not a date (use 2026-11-28 or 2026-11-28T09:30:00Z)',
        'comments: expected open or closed',
        'sticky: expected true or false',
        // Before zod these three were dropped silently when the rest was valid.
        'tags: expected a list of names',
        'categories: expected a list of names',
        'excerpt: expected text',
        'image_alt: required when there is an image (readers who cannot see it)',
        'body: the post has no text',
      ],
    });
  });

  it('reports text and list fields of the wrong shape', () => {
    const draft = readPostDraft({ title: ['a'], tags: [{ name: 'x' }], author: 3, excerpt: { a: 1 } }, 'x');
    expect(draft).toEqual({
      ok: false,
      error: ['title: expected text', 'tags: expected a list of names', 'excerpt: expected text'],
    });
  });

  it('reads numbers as text, comma lists, WordPress statuses and dates', () => {
    const draft = readPostDraft(
      {
        title: 2026,
        tags: 'a, b,,c',
        categories: ['World > Asia', 5],
        status: 'future',
        date: '2026-11-28',
        sticky: true,
      },
      'x',
    );
    expect(draft.ok && draft.value).toMatchObject({
      title: '2026',
      slug: '2026',
      tags: ['a', 'b', 'c'],
      categories: [['World', 'Asia'], ['5']],
      status: 'scheduled',
      date: new Date('2026-11-28T00:00:00Z'),
      sticky: true,
      author: null,
      excerpt: '',
    });
  });
});
