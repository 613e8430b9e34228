import type { Context } from 'hono';
import { postPath } from '../../core/posts/permalink.ts';
import type { PostRef, ShownPost } from '../../core/posts/post.ts';
import { postPageTags } from '../../core/reading/page-contents.ts';
import { readLockedPost, readPost, readSurroundings } from '../../core/reading/reading.ts';
import { renderPostPage } from '../../render/index.ts';
import type { CommentFormState } from '../../render/views.ts';
import { issueFormToken } from '../comments/form-token.ts';
import { ownCommentIds } from '../comments/reader-cookie.ts';
import { siteView, type WebServices } from '../services.ts';
import { sendPage } from './respond.ts';
import { isUnlocked } from './unlock-cookie.ts';
import { UNLOCK_PATH } from './unlock-path.ts';
import { commentNodes, postLink } from './views.ts';

/**
 * A post with its discussion. Without personal state (no own held comments shown, no form coming
 * back) the bytes are the same for every reader, and marked so that a shared cache may keep them.
 */
export async function respondWithPost(
  c: Context,
  services: WebServices,
  post: ShownPost,
  options: {
    state?: CommentFormState;
    replyTo?: number;
    status?: number;
    /** Show the post locked, saying why the password was not taken. */
    locked?: 'wrong-password' | 'rate-limited';
  } = {},
): Promise<Response> {
  if (post.protected && (options.locked || !(await isUnlocked(c, services, post))))
    return respondLocked(c, services, post, options.locked, options.status);
  const site = await siteView(services);
  const { settings } = site;
  const own = ownCommentIds(c, services.secret);
  const [discussion, around] = await Promise.all([
    readPost(services.core, post, own),
    readSurroundings(services.core, post),
  ]);
  // Links to other posts need only a title, a date and a URL: no author, image or terms to load.
  const lightLink = (other: PostRef) => ({ post: other, url: postPath(other, settings.permalink) });
  const open = post.commentStatus === 'open';
  const thread = commentNodes(discussion.comments, settings, services.secret, open);
  const parent = options.replyTo
    ? discussion.comments.find((x) => x.id === options.replyTo && x.status === 'approved')
    : undefined;
  const link = postLink(discussion.bundle, settings);
  const html = renderPostPage({
    site,
    post: link,
    thread,
    commentCount: discussion.approvedCount,
    path: link.url,
    previous: around.previous && lightLink(around.previous),
    next: around.next && lightLink(around.next),
    related: around.related.map(lightLink),
    form: {
      postId: post.id,
      action: '/comments',
      token: issueFormToken(services.secret, post.id, services.core.clock.now()),
      replyTo: parent ? { id: parent.id, authorName: parent.authorName } : null,
      open,
      state: options.state ?? null,
    },
  });
  // A protected post shown in full was unlocked by this reader alone.
  const personal =
    post.protected || Boolean(options.state) || discussion.comments.some((x) => x.status !== 'approved');
  const tags = postPageTags(discussion.bundle, [around.previous, around.next, ...around.related]);
  return sendPage(c, html, { status: options.status ?? 200, personal, tags });
}

/**
 * A protected post as WordPress shows it to a reader without its password: the title, the date, the
 * author and the password form; no word of the text, no discussion. The same for every reader.
 */
async function respondLocked(
  c: Context,
  services: WebServices,
  post: ShownPost,
  error: 'wrong-password' | 'rate-limited' | undefined,
  status = 200,
): Promise<Response> {
  const site = await siteView(services);
  const link = postLink(await readLockedPost(services.core, post), site.settings);
  const html = renderPostPage({
    site,
    post: link,
    thread: [],
    commentCount: 0,
    path: link.url,
    locked: { postId: post.id, action: UNLOCK_PATH, error },
    form: { postId: post.id, action: '/comments', token: '', replyTo: null, open: false, state: null },
  });
  return sendPage(c, html, { status });
}
