import { Hono, type Context } from 'hono';
import { submitComment, type CommentSubmission } from '../../core/comments/submit.ts';
import { loadSettings } from '../../core/deps.ts';
import { cleanFreeText, parseId } from '../../core/input.ts';
import type { Post } from '../../core/posts/post.ts';
import { postPath } from '../../core/posts/permalink.ts';
import { isPublic } from '../../core/reading/visibility.ts';
import type { Language } from '../../core/site/settings.ts';
import { renderRefusedTooOften, translator } from '../../render/index.ts';
import type { CommentFormState } from '../../render/views.ts';
import type { BodyLimit } from '../body-limit.ts';
import { clientIp } from '../client-ip.ts';
import { commentFailure } from '../errors.ts';
import { respondWithPost } from '../reader/post-page.ts';
import { notFound } from '../reader/not-found.ts';
import { isUnlocked } from '../reader/unlock-cookie.ts';
import { siteView, type WebServices } from '../services.ts';
import { keyedHash } from '../../security/signing.ts';
import { checkFormToken } from './form-token.ts';
import { rememberOwnComment } from './reader-cookie.ts';

export const COMMENT_FORM_PATH = '/comments';

/** A form field as text either database can store (no NUL, no lone surrogate); files count as empty. */
const text = (value: unknown): string => (typeof value === 'string' ? cleanFreeText(value) : '');

/** `comment_parent`: none (absent, empty or 0), a comment id, or an id that cannot name a comment. */
function parentOf(value: unknown): number | null | 'unreadable' {
  const raw = typeof value === 'string' ? value : '';
  if (raw === '' || raw === '0') return null;
  return parseId(raw) ?? 'unreadable';
}

async function visiblePost(services: WebServices, postId: unknown): Promise<Post | undefined> {
  const id = typeof postId === 'string' ? parseId(postId) : undefined;
  const post = id === undefined ? undefined : await services.core.storage.posts.findById(id);
  return post && isPublic(post, services.core.clock.now()) ? post : undefined;
}

function formState(form: Record<string, unknown>): CommentFormState {
  return {
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
}

/**
 * The most a comment form may weigh: each character of the longest allowed comment can take 9 bytes
 * (3 in UTF-8, each written `%XX`), plus room for the other fields at their longest. Within it, a
 * refused form comes back whole; beyond it, the reading stops.
 */
export async function commentFormLimit(services: WebServices): Promise<BodyLimit> {
  const { commentMaxLength } = await loadSettings(services.core);
  return {
    maxBytes: commentMaxLength * 9 + 16 * 1024,
    tooLarge: (c, start) => formTooLarge(c, services, start, commentMaxLength),
  };
}

/**
 * 413 for a form too large to read: the post's form again, saying so, with what of it fits (the
 * form's hidden fields come first, so the post is known; the comment is cut at its longest allowed
 * length). Without a post to show, a plain sentence in the site's language.
 */
async function formTooLarge(c: Context, services: WebServices, start: Uint8Array, maxLength: number) {
  const form = (c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')
    ? Object.fromEntries(new URLSearchParams(new TextDecoder().decode(start)))
    : {};
  const post = await visiblePost(services, form.post_id);
  if (!post) {
    const { settings } = await siteView(services);
    return c.text(translator(settings.language).plural('error.form.tooLarge', maxLength), 413);
  }
  const state = formState(form);
  state.values.comment = state.values.comment.slice(0, maxLength);
  state.errors.form = 'too-large';
  const parent = parentOf(form.comment_parent);
  const replyTo = typeof parent === 'number' ? parent : undefined;
  return respondWithPost(c, services, post, { state, replyTo, status: 413 });
}

/** `POST /comments`: WordPress's wp-comments-post.php, answering 303 to the new comment or the form again. */
export function commentRoutes(services: WebServices): Hono {
  const app = new Hono();

  app.post(COMMENT_FORM_PATH, async (c) => {
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      return c.text('The form could not be read.', 400);
    }
    const post = await visiblePost(services, form.post_id);
    if (!post) return notFound(c, services);
    // Behind a password, the discussion is for readers who unlocked the post: the others get its form.
    if (!(await isUnlocked(c, services, post))) return respondWithPost(c, services, post, { status: 403 });

    const now = services.core.clock.now();
    const settings = await loadSettings(services.core);
    const state = formState(form);
    const parent = parentOf(form.comment_parent);
    const parentId = typeof parent === 'number' ? parent : null;
    const back = (status: number) =>
      respondWithPost(c, services, post, { state, replyTo: parentId ?? undefined, status });
    if (parent === 'unreadable') {
      // Only a hand-made request gets here: the form's own field always holds an id or 0.
      state.errors.parent = 'not-found';
      return back(422);
    }

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
      for (const [name, value] of Object.entries(failure.headers)) c.header(name, value);
      if (failure.page === 'refused') {
        return refusedTooOften(
          c,
          services.language ?? settings.language,
          failure.retryAfter ?? 60,
          postPath(post, settings.permalink),
          state.values.comment,
        );
      }
      state.errors = failure.errors;
      state.retryAfter = failure.retryAfter;
      if (failure.repeatOf !== undefined) {
        state.duplicateOf = `${postPath(post, settings.permalink)}#comment-${failure.repeatOf}`;
      }
      return back(failure.status);
    }
    rememberOwnComment(c, services.secret, result.value.id);
    return c.redirect(`${postPath(post, settings.permalink)}#comment-${result.value.id}`, 303);
  });

  return app;
}

function refusedTooOften(c: Context, language: Language, retryAfter: number, path: string, comment: string) {
  c.header('Retry-After', String(retryAfter));
  c.header('Cache-Control', 'private, no-store');
  return c.html(renderRefusedTooOften({ language, retryAfter, postPath: path, comment }), 429);
}
