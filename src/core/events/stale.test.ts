import { describe, expect, it } from 'vitest';
import { FixedClock } from '../ports/clock.ts';
import type { Storage } from '../ports/storage.ts';
import { staleTags } from './stale.ts';

/** Storage that must not be asked: the events below name their pages without a query. */
const storage = new Proxy({} as Storage, {
  get: (_target, name) => {
    throw new Error(`storage.${String(name)} read`);
  },
});
const deps = { storage, clock: new FixedClock(new Date('2026-12-04T00:00:00Z')) };

describe('the tags an outbox event makes stale', () => {
  it('names the pages of an approved comment', async () => {
    const row = {
      type: 'comment.approved',
      payload: { commentId: 5, postId: 12, parentId: null, from: 'pending', to: 'approved' },
    };
    expect((await staleTags(deps, row)).sort()).toEqual(
      ['feed:comments', 'feed:post:12', 'post:12', 'summary:12'].sort(),
    );
  });

  it('names nothing for a comment held, and everything for an event this version does not know', async () => {
    const held = {
      type: 'comment.created',
      payload: { commentId: 5, postId: 12, parentId: null, status: 'pending' },
    };
    expect(await staleTags(deps, held)).toEqual([]);
    expect(await staleTags(deps, { type: 'post.featured', payload: { postId: 12 } })).toEqual(['site']);
  });
});
