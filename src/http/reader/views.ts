import type { ShownComment } from '../../core/comments/comment.ts';
import { buildThread, type ThreadNode } from '../../core/comments/thread.ts';
import { postPath } from '../../core/posts/permalink.ts';
import type { PostSummary, ShownPost } from '../../core/posts/post.ts';
import type { PostBundle } from '../../core/reading/reading.ts';
import type { SiteSettings } from '../../core/site/settings.ts';
import type { CommentNode, PostLink } from '../../render/views.ts';
import { keyedHash } from '../../security/signing.ts';

export function postLink(bundle: PostBundle<ShownPost | PostSummary>, settings: SiteSettings): PostLink {
  return { ...bundle, url: postPath(bundle.post, settings.permalink) };
}

/** Threads the visible comments and marks what only their author may see. */
export function commentNodes(
  comments: ShownComment[],
  settings: SiteSettings,
  secret: string,
  commentsOpen: boolean,
): CommentNode[] {
  const toView = (node: ThreadNode): CommentNode => ({
    comment: node.comment,
    depth: node.depth,
    children: node.children.map(toView),
    held: node.comment.status !== 'approved',
    canReply: commentsOpen && node.comment.status === 'approved' && node.depth < settings.threadDepth,
    avatarSeed: keyedHash(
      secret,
      'avatar',
      (node.comment.authorEmail || node.comment.authorName).toLowerCase(),
    ),
  });
  return buildThread(comments, settings.threadDepth).map(toView);
}
