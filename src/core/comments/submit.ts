import type { CoreDeps } from '../deps.ts';
import { loadSettings } from '../deps.ts';
import { isPublic } from '../reading/visibility.ts';
import { err, ok, type Result } from '../result.ts';
import type { Comment, CommentFieldError } from './comment.ts';
import { moderate } from './moderate.ts';
import { normalizeCommentInput, validateCommentInput, type CommentInput } from './validate.ts';

export interface CommentSubmission extends CommentInput {
  postId: number;
  parentId: number | null;
  notifyReplies: boolean;
  notifyPosts: boolean;
  /** Keyed hash of the sender's IP: the rate-limit key and what is stored. */
  ipHash: string;
  /** Set by the transport when its bot traps fired (honeypot filled): the comment is kept as spam. */
  trapped?: string;
  /** The transport's own objection to the form (a stale or too-quick token), reported with the rest. */
  formError?: CommentFieldError;
}

export type SubmitField = keyof CommentInput | 'parent' | 'form';

export type SubmitError =
  | { type: 'invalid'; errors: Partial<Record<SubmitField, CommentFieldError>> }
  | { type: 'post-not-found' }
  | { type: 'rate-limited'; retryAfter: number };

/**
 * A reader's comment: checked, rate-limited, moderated and stored together with its event, or
 * refused with every reason at once and nothing written.
 */
export async function submitComment(
  deps: CoreDeps,
  submission: CommentSubmission,
): Promise<Result<Comment, SubmitError>> {
  const settings = await loadSettings(deps);
  const input = normalizeCommentInput(submission);
  const errors: Partial<Record<SubmitField, CommentFieldError>> = validateCommentInput(
    input,
    settings.commentMaxLength,
  );

  const now = deps.clock.now();
  const post = await deps.storage.posts.findById(submission.postId);
  if (!post || !isPublic(post, now)) return err({ type: 'post-not-found' });
  if (post.commentStatus !== 'open') errors.form = 'closed';
  else if (submission.formError && !submission.trapped) errors.form = submission.formError;

  if (submission.parentId !== null) {
    const parent = await deps.storage.comments.findById(submission.parentId);
    if (!parent || parent.postId !== post.id || parent.status !== 'approved') errors.parent = 'not-found';
  }
  if (Object.keys(errors).length > 0) return err({ type: 'invalid', errors });

  const limit = await deps.rateLimiter.hit(
    `comment:${submission.ipHash}`,
    settings.commentRateLimit,
    settings.commentRateWindowSeconds,
    now,
  );
  if (!limit.allowed) return err({ type: 'rate-limited', retryAfter: limit.retryAfter });

  const html = deps.formatter.comment(input.comment);
  const verdict = submission.trapped
    ? { status: 'spam' as const, reason: submission.trapped }
    : moderate(input, html, settings, await deps.storage.comments.hasApprovedFromEmail(input.email));

  const comment = await deps.storage.transaction(async (tx) => {
    const created = await tx.comments.create({
      postId: post.id,
      parentId: submission.parentId,
      kind: 'comment',
      status: verdict.status,
      authorName: input.author,
      authorEmail: input.email,
      authorUrl: input.url,
      identityId: null,
      source: input.comment,
      html,
      ipHash: submission.ipHash,
      notifyReplies: submission.notifyReplies,
      notifyPosts: submission.notifyPosts,
      heldReason: verdict.reason,
      createdAt: now,
    });
    await tx.outbox.add('comment.created', {
      commentId: created.id,
      postId: post.id,
      status: created.status,
    });
    return created;
  });
  return ok(comment);
}
