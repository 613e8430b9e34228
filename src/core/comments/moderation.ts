import type { CoreDeps } from '../deps.ts';
import { err, ok, type Result } from '../result.ts';
import type { CommentStatus } from './comment.ts';

export type ModerationAction = 'approve' | 'spam' | 'trash' | 'delete';

export type ModerationError = { type: 'comment-not-found'; id: number };

const STATUS_OF: Record<Exclude<ModerationAction, 'delete'>, CommentStatus> = {
  approve: 'approved',
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
    if (action === 'delete') await tx.comments.delete(id);
    else await tx.comments.setStatus(id, STATUS_OF[action]);
    await tx.outbox.add(`comment.${action}`, { commentId: id, postId: comment.postId, from: comment.status });
    return true;
  });
  return done ? ok({ id, action }) : err({ type: 'comment-not-found', id });
}
