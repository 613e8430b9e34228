import type { ShownComment } from './comment.ts';

export interface ThreadNode {
  comment: ShownComment;
  depth: number;
  children: ThreadNode[];
}

/**
 * Arranges a discussion (oldest first) into threads. Replies deeper than `maxDepth` join the deepest
 * level, as WordPress shows them; a reply whose parent is not visible starts its own thread.
 */
export function buildThread(comments: ShownComment[], maxDepth: number): ThreadNode[] {
  const roots: ThreadNode[] = [];
  const byId = new Map<number, ThreadNode>();
  const parentOf = new Map<number, ThreadNode | undefined>();
  for (const comment of comments) {
    const parent = comment.parentId === null ? undefined : byId.get(comment.parentId);
    let anchor = parent;
    while (anchor && anchor.depth >= maxDepth) anchor = parentOf.get(anchor.comment.id);
    const node: ThreadNode = { comment, depth: anchor ? anchor.depth + 1 : 1, children: [] };
    byId.set(comment.id, node);
    parentOf.set(comment.id, anchor);
    (anchor ? anchor.children : roots).push(node);
  }
  return roots;
}
