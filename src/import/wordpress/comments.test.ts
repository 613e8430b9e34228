import { describe, expect, it } from 'vitest';
import type { WxrComment } from '../wxr/types.ts';
import { parentsFirst } from './comments.ts';

const comment = (id: number, parentId: number, date: string): WxrComment => ({
  id,
  parentId,
  author: '',
  authorEmail: '',
  authorUrl: '',
  authorIp: '',
  dateGmt: date,
  date,
  content: '',
  approved: '1',
  type: '',
  userId: 0,
  meta: {},
});

describe('comments in the order they are written', () => {
  it('puts each reply after its parent, otherwise oldest first', () => {
    const order = parentsFirst([
      comment(3, 2, '2020-01-01 09:00:00'), // dated before its parent: waits for it
      comment(1, 0, '2020-01-01 10:00:00'),
      comment(2, 1, '2020-01-01 11:00:00'),
      comment(4, 0, '2020-01-01 12:00:00'),
    ]).map((c) => c.id);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('keeps replies to missing parents and loops of parents, at the top level', () => {
    const order = parentsFirst([
      comment(5, 99, '2020-01-01 10:00:00'),
      comment(6, 7, '2020-01-01 11:00:00'),
      comment(7, 6, '2020-01-01 12:00:00'),
    ]).map((c) => c.id);
    expect(order.sort()).toEqual([5, 6, 7]);
  });
});
