import { Hono } from 'hono';
import { submitComment, type CommentSubmission } from '../../core/comments/submit.ts';
import { loadSettings } from '../../core/deps.ts';
import { postPath } from '../../core/posts/permalink.ts';
import type { CommentFormState } from '../../render/views.ts';
import { clientIp } from '../client-ip.ts';
import { commentFailure } from '../errors.ts';
import { respondWithPost } from '../reader/post-page.ts';
import { notFound } from '../reader/not-found.ts';
import type { WebServices } from '../services.ts';
import { keyedHash } from '../../security/signing.ts';
import { checkFormToken } from './form-token.ts';
import { rememberOwnComment } from './reader-cookie.ts';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const id = (value: unknown): number | null => {
  const n = Number(text(value));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** `POST /comments`: WordPress's wp-comments-post.php, answering 303 to the new comment or the form again. */
export function commentRoutes(services: WebServices): Hono {
  const app = new Hono();

  app.post('/comments', async (c) => {
    const form = await c.req.parseBody();
    const postId = id(form.post_id);
    const post = postId ? await services.core.storage.posts.findById(postId) : undefined;
    if (!post) return notFound(c, services);

    const now = services.core.clock.now();
    const settings = await loadSettings(services.core);
    const state: CommentFormState = {
      values: {
        comment: text(form.comment),
        author: text(form.author),
        email: text(form.email),
        url: text(form.url),
        notifyReplies: Boolean(form.notify_replies),
        notifyPosts: Boolean(form.notify_posts),
      },
      errors: {},
    };
    const parentId = id(form.comment_parent);
    const back = (status: number) =>
      respondWithPost(c, services, post, { state, replyTo: parentId ?? undefined, status });

    const token = checkFormToken(
      services.secret,
      text(form.token),
      post.id,
      now,
      settings.commentMinFillSeconds,
    );
    const ip = clientIp(c, services.trustProxy);
    const submission: CommentSubmission = {
      postId: post.id,
      parentId,
      ...state.values,
      ipHash: keyedHash(services.secret, 'ip', ip),
      trapped: text(form.hp_website) ? 'honeypot field filled in' : undefined,
      formError: token === 'ok' ? undefined : token,
    };
    const result = await submitComment(services.core, submission);
    if (!result.ok) {
      const failure = commentFailure(result.error);
      if (failure.page === 'not-found') return notFound(c, services);
      state.errors = failure.errors;
      state.retryAfter = failure.retryAfter;
      for (const [name, value] of Object.entries(failure.headers)) c.header(name, value);
      return back(failure.status);
    }
    rememberOwnComment(c, services.secret, result.value.id);
    return c.redirect(`${postPath(post, settings.permalink)}#comment-${result.value.id}`, 303);
  });

  return app;
}
