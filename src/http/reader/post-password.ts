import { Hono } from 'hono';
import { cleanFreeText } from '../../core/input.ts';
import { postPath } from '../../core/posts/permalink.ts';
import { unlockPost } from '../../core/posts/unlock.ts';
import { keyedHash } from '../../security/signing.ts';
import { clientIp } from '../client-ip.ts';
import { httpFailure } from '../errors.ts';
import { siteView, type WebServices } from '../services.ts';
import { notFound } from './not-found.ts';
import { respondWithPost } from './post-page.ts';
import { rememberUnlocked } from './unlock-cookie.ts';
import { UNLOCK_PATH } from './unlock-path.ts';

/**
 * WordPress's password-protected posts: `POST /unlock` (its wp-login.php?action=postpass) checks a
 * reader's password through the core and remembers the unlock for that reader (unlock-cookie.ts).
 * Posted from the post's own page only (the same-origin check of every form) and rate limited by
 * the core. Works without JavaScript: a form, a 303, the post.
 */

/** `POST /unlock`: 303 back to the post, unlocked; or the post's form again with what went wrong. */
export function unlockRoutes(services: WebServices): Hono {
  const app = new Hono();
  app.post(UNLOCK_PATH, async (c) => {
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      return c.text('The form could not be read.', 400);
    }
    const field = (name: string) => (typeof form[name] === 'string' ? form[name] : '');
    const result = await unlockPost(services.core, {
      postId: field('post_id'),
      password: cleanFreeText(field('post_password'), 1000),
      ipHash: keyedHash(services.secret, 'ip', clientIp(c, services.trustProxy)),
    });
    const { settings } = await siteView(services);
    if (result.ok) {
      rememberUnlocked(c, services.secret, result.value.post.id, result.value.password);
      c.header('Cache-Control', 'private, no-store');
      return c.redirect(postPath(result.value.post, settings.permalink), 303);
    }
    const failure = httpFailure(result.error);
    if (result.error.type === 'post-not-found') return notFound(c, services);
    const post = await services.core.storage.posts.findById(Number(field('post_id')));
    if (!post) return notFound(c, services);
    if (result.error.type === 'rate-limited') c.header('Retry-After', String(result.error.retryAfter));
    return respondWithPost(c, services, post, { status: failure.status, locked: result.error.type });
  });
  return app;
}
