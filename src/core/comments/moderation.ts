import type { CoreDeps } from '../deps.ts';
import { commentMove } from '../events/events.ts';
import { err, ok, type Result } from '../result.ts';
import type { CommentStatus } from './comment.ts';

/** `approve` also restores a comment from the spam or the trash; `unapprove` holds it again. */
export type ModerationAction = 'approve' | 'unapprove' | 'spam' | 'trash' | 'delete';

export type ModerationError = { type: 'comment-not-found'; id: number };

const STATUS_OF: Record<Exclude<ModerationAction, 'delete'>, CommentStatus> = {
  approve: 'approved',
  unapprove: 'pending',
  spam: 'spam',
  trash: 'trash',
};

/** A moderator's decision on one comment, recorded with its event for whatever follows (notifications). */
export async function moderateComment(
  deps: Pick<CoreDeps, 'storage'>,
  id: number,
  action: ModerationAction,
): Promise<Result<{ id: number; action: ModerationAction }, ModerationError>> {
  const done = await deps.storage.transaction(async (tx) => {
    const comment = await tx.comments.findById(id);
    if (!comment) return false;
    const facts = { commentId: id, postId: comment.postId, parentId: comment.parentId };
    if (action === 'delete') {
      await tx.comments.delete(id);
      await tx.outbox.add({ type: 'comment.deleted', ...facts, from: comment.status });
      return true;
    }
    const to = STATUS_OF[action];
    if (to === comment.status) return true;
    await tx.comments.setStatus(id, to);
    await tx.outbox.add({ type: commentMove(comment.status, to), ...facts, from: comment.status, to });
    return true;
  });
  return done ? ok({ id, action }) : err({ type: 'comment-not-found', id });
}
