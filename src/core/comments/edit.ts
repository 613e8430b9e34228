import { readSettings } from '../site/settings-cache.ts';
import type { CoreDeps } from '../deps.ts';
import { err, ok, type Result } from '../result.ts';
import type { Comment } from './comment.ts';

export type EditCommentError =
  { type: 'comment-not-found'; id: number } | { type: 'invalid-comment'; problem: 'required' | 'too-long' };

/**
 * A moderator corrects a comment's text: held to the same length rule and formatted as a reader's
 * comment is, written with its `comment.edited` event.
 */
export async function editComment(
  deps: Pick<CoreDeps, 'storage' | 'formatter'>,
  id: number,
  text: string,
): Promise<Result<Comment, EditCommentError>> {
  const source = text.replace(/\r\n?/g, '\n').trim();
  if (!source) return err({ type: 'invalid-comment', problem: 'required' });
  if (source.length > (await readSettings(deps.storage)).commentMaxLength)
    return err({ type: 'invalid-comment', problem: 'too-long' });
  const html = deps.formatter.comment(source);
  const edited = await deps.storage.transaction(async (tx) => {
    const comment = await tx.comments.findById(id);
    if (!comment) return undefined;
    await tx.comments.setText(id, source, html);
    await tx.outbox.add({
      type: 'comment.edited',
      commentId: id,
      postId: comment.postId,
      parentId: comment.parentId,
      status: comment.status,
    });
    return { ...comment, source, html };
  });
  return edited ? ok(edited) : err({ type: 'comment-not-found', id });
}
