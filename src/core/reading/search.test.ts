import { describe, expect, it } from 'vitest';
import { FixedClock } from '../ports/clock.ts';
import type { SearchQuery, Storage } from '../ports/storage.ts';
import { MAX_QUERY_CHARS, MAX_SEARCH_WORDS, searchPosts, searchTerms, stemOf } from './search.ts';

describe('searchTerms', () => {
  it('keeps only words: no quote, operator or column name survives as syntax', () => {
    const terms = searchTerms(`" OR 1=1 -- NEAR( title:x '); drop table posts; -- &|!:*()`);
    expect(terms.map((t) => t.word)).toEqual(['or', 'near', 'title', 'drop', 'table', 'posts']);
    for (const t of terms) expect(t.word).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
    expect(searchTerms('&|!:*() ... «»—')).toEqual([]);
    expect(searchTerms('')).toEqual([]);
  });

  it('normalises width and case, and bounds the count and length of words', () => {
    expect(searchTerms('ＦＵＬＬ ﬁnance Ёлка').map((t) => t.word)).toEqual(['full', 'finance', 'ёлка']);
    expect(searchTerms('x'.repeat(10_000))[0]?.word).toHaveLength(40);
    expect(searchTerms(Array.from({ length: 50 }, (_, i) => `w${i}`).join(' '))).toHaveLength(
      MAX_SEARCH_WORDS,
    );
    expect(searchTerms('выборы выборы ВЫБОРЫ')).toHaveLength(1);
  });

  it('drops single letters beside longer words, and matches short words exactly', () => {
    expect(searchTerms("people's rights").map((t) => t.word)).toEqual(['people', 'rights']);
    expect(searchTerms('и')).toEqual([{ word: 'и', stem: 'и', prefix: false }]);
    expect(searchTerms('ел заң').map((t) => t.prefix)).toEqual([false, true]);
  });
});

describe('stemOf', () => {
  it.each([
    ['выборах', 'выбор'],
    ['выборы', 'выбор'],
    ['свободы', 'свобод'],
    ['российский', 'российск'],
    ['сайлаудың', 'сайлау'],
    ['сайлауда', 'сайлау'],
    ['сайлауларында', 'сайлау'],
    ['халықтың', 'халық'],
    ['мемлекеттің', 'мемлекет'],
    ['elections', 'election'],
    ['voted', 'vot'],
    ['мир', 'мир'],
    ['東京都', '東京都'],
  ])('%s → %s', (word, stem) => {
    expect(stemOf(word)).toBe(stem);
  });

  it('leaves every stem a prefix of its word, so the word itself always matches', () => {
    for (const word of ['қазақстанда', 'Қазақстан'.toLowerCase(), 'правительства', 'policies', 'жерде']) {
      expect(word.startsWith(stemOf(word)), word).toBe(true);
      expect([...stemOf(word)].length).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('searchPosts', () => {
  const clock = new FixedClock(new Date('2025-01-01T00:00:00Z'));
  /** A storage whose search has `total` matches and records what it was asked. */
  const storageWith = (total: number, asked: SearchQuery[]) =>
    ({
      search: {
        posts: async (query: SearchQuery) => {
          asked.push(query);
          return { items: [], total };
        },
      },
    }) as unknown as Storage;

  it('asks nothing of the storage for a query without words', async () => {
    const asked: SearchQuery[] = [];
    const found = await searchPosts(
      { storage: storageWith(3, asked), clock },
      { text: ' ?! ', page: 4, perPage: 10 },
    );
    expect(found).toMatchObject({ query: '?!', hits: [], total: 0, page: 1, totalPages: 1 });
    expect(asked).toEqual([]);
  });

  it('brings the page within the results and bounds the query it echoes', async () => {
    const asked: SearchQuery[] = [];
    const text = `  выборы   ${'я'.repeat(1000)}`;
    const found = await searchPosts(
      { storage: storageWith(25, asked), clock },
      { text, page: 1e20, perPage: 10 },
    );
    expect(found.page).toBe(3);
    expect(found.totalPages).toBe(3);
    expect([...found.query]).toHaveLength(MAX_QUERY_CHARS);
    expect(asked.map((q) => q.offset)).toEqual([4990, 20]);
    const first = await searchPosts(
      { storage: storageWith(25, []), clock },
      { text: 'x', page: -3, perPage: 10 },
    );
    expect(first.page).toBe(1);
  });
});
