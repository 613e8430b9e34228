import { describe, expect, it } from 'vitest';
import type { Comment } from './comment.ts';
import { buildThread, type ThreadNode } from './thread.ts';

const comment = (id: number, parentId: number | null): Comment => ({
  id,
  postId: 1,
  parentId,
  kind: 'comment',
  status: 'approved',
  authorName: `r${id}`,
  authorEmail: '',
  authorUrl: '',
  identityId: null,
  source: '',
  html: '',
  ipHash: '',
  notifyReplies: false,
  notifyPosts: false,
  heldReason: '',
  createdAt: new Date(id * 1000),
});

const shape = (nodes: ThreadNode[]): unknown => nodes.map((n) => [n.comment.id, n.depth, shape(n.children)]);

describe('buildThread', () => {
  it('nests replies under their parents in order', () => {
    const tree = buildThread(
      [comment(1, null), comment(2, 1), comment(3, null), comment(4, 2), comment(5, 1)],
      5,
    );
    expect(shape(tree)).toEqual([
      [
        1,
        1,
        [
          [2, 2, [[4, 3, []]]],
          [5, 2, []],
        ],
      ],
      [3, 1, []],
    ]);
  });

  it('keeps replies past the maximum depth at the deepest level, next to their parent', () => {
    const chain = [comment(1, null), comment(2, 1), comment(3, 2), comment(4, 3)];
    expect(shape(buildThread(chain, 2))).toEqual([
      [
        1,
        1,
        [
          [2, 2, []],
          [3, 2, []],
          [4, 2, []],
        ],
      ],
    ]);
  });

  it('starts a thread for a reply whose parent is not shown', () => {
    expect(shape(buildThread([comment(5, 99)], 5))).toEqual([[5, 1, []]]);
  });
});
