import type { CoreDeps } from '../deps.ts';
import { loadSettings } from '../deps.ts';
import { isPublic } from '../reading/visibility.ts';
import { err, ok, type Result } from '../result.ts';
import type { Topic } from '../ports/subscriptions.ts';
import type { SiteSettings } from '../site/settings.ts';
import { requestSubscriptions, SUBSCRIBE_LIMITS } from '../subscriptions/subscribe.ts';
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
  | { type: 'rate-limited'; retryAfter: number }
  /** The same person said exactly this on this post lately (WordPress's "you've already said that"). */
  | { type: 'duplicate'; commentId: number }
  /** This address has had too many submissions refused lately: answered briefly until `retryAfter`. */
  | { type: 'too-many-refused'; retryAfter: number };

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
  if (Object.keys(errors).length > 0)
    return refuse(deps, settings, submission.ipHash, { type: 'invalid', errors });

  const repeatOf = {
    postId: post.id,
    source: input.comment,
    email: input.email,
    ipHash: submission.ipHash,
    since: new Date(now.getTime() - settings.commentDuplicateHours * 3600_000),
  };
  const repeat = await deps.storage.comments.findRepeat(repeatOf);
  if (repeat !== undefined)
    return refuse(deps, settings, submission.ipHash, { type: 'duplicate', commentId: repeat });

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

  // The boxes ask for mail: the address confirms first (a link mailed to it). A comment taken for
  // spam asks for nothing, and an address sent too many confirm links lately gets no more (the
  // comment itself is not refused for it).
  const wanted: Topic[] = [
    ...(submission.notifyReplies ? [{ kind: 'replies' as const, postId: post.id }] : []),
    ...(submission.notifyPosts ? [{ kind: 'posts' as const }] : []),
  ];
  const { limit: perEmail, windowSeconds } = SUBSCRIBE_LIMITS.perEmail;
  const topics =
    wanted.length > 0 &&
    verdict.status !== 'spam' &&
    (await deps.rateLimiter.hit(`subscribe-email:${input.email.toLowerCase()}`, perEmail, windowSeconds, now))
      .allowed
      ? wanted
      : [];

  const comment = await deps.storage.transaction(async (tx) => {
    // Checked again under the discussion's lock: the same comment sent to two instances at once
    // is written once, and the other answered as a repeat.
    await tx.comments.lockDiscussion(post.id);
    const again = await tx.comments.findRepeat(repeatOf);
    if (again !== undefined) return { repeat: again };
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
    if (topics.length > 0) await requestSubscriptions(tx, { email: input.email, topics, now });
    await tx.outbox.add({
      type: 'comment.created',
      commentId: created.id,
      postId: post.id,
      parentId: created.parentId,
      status: created.status,
    });
    return created;
  });
  if ('repeat' in comment)
    return refuse(deps, settings, submission.ipHash, { type: 'duplicate', commentId: comment.repeat });
  return ok(comment);
}

/**
 * A refusal, counted against the address's own limit for refusals: a flood of forged or replayed
 * forms ends in a short 429 instead of a whole page each time, and readers who share an address
 * with a few clumsy ones are not locked out of commenting (accepted comments do not count here).
 */
async function refuse(
  deps: CoreDeps,
  settings: SiteSettings,
  ipHash: string,
  error: SubmitError,
): Promise<Result<Comment, SubmitError>> {
  const limit = await deps.rateLimiter.hit(
    `comment-refused:${ipHash}`,
    settings.commentRefusedLimit,
    settings.commentRefusedWindowSeconds,
    deps.clock.now(),
  );
  return err(limit.allowed ? error : { type: 'too-many-refused', retryAfter: limit.retryAfter });
}
