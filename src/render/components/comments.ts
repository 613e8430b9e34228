import type { Translator } from '../i18n/index.ts';
import { empty, h, isHttpUrl, trusted, type Html } from '../html.ts';
import type { CommentNode, PostPageView } from '../views.ts';
import { avatar } from './avatar.ts';
import { commentForm } from './comment-form.ts';
import { time } from './post.ts';

interface ThreadContext {
  t: Translator;
  /** The post's path: links carry it so they still work on the 422 page served at /comments. */
  path: string;
  replyable: boolean;
}

export function authorName(name: string, t: Translator): string {
  return name.trim() || t.t('comments.anonymous');
}

function author(node: CommentNode, name: string): Html {
  const url = node.comment.authorUrl.trim();
  return isHttpUrl(url)
    ? h`<span class="comment-author"><a href="${url}" rel="nofollow ugc noopener">${name}</a></span>`
    : h`<span class="comment-author">${name}</span>`;
}

/** Without JS a plain link reloads with the form's parent set; comment-reply.js moves the form instead. */
function replyLink(node: CommentNode, name: string, ctx: ThreadContext): Html {
  if (!ctx.replyable || !node.canReply || node.held) return empty;
  const id = node.comment.id;
  return h`<p class="reply"><a class="comment-reply-link" rel="nofollow" href="${ctx.path}?replytocom=${id}#respond" data-comment="${id}" data-title="${ctx.t.t('comments.replyHeading', { name })}" aria-label="${ctx.t.t('comments.replyLabel', { name })}">${ctx.t.t('comments.reply')}</a></p>`;
}

function commentItem(node: CommentNode, ctx: ThreadContext): Html {
  const { comment } = node;
  const { t } = ctx;
  const name = authorName(comment.authorName, t);
  const classes = ['comment', `depth-${node.depth}`];
  if (node.held) classes.push('is-held');
  if (comment.kind !== 'comment') classes.push(comment.kind);
  const children =
    node.children.length > 0
      ? h`<ol class="children">${node.children.map((c) => commentItem(c, ctx))}</ol>`
      : empty;
  return h`<li id="comment-${comment.id}" class="${classes.join(' ')}"><article class="comment-body">
<header class="comment-meta">${avatar(node.avatarSeed)}${author(node, name)}<a class="comment-date" href="${ctx.path}#comment-${comment.id}" title="${t.t('comments.permalink')}">${time(comment.createdAt, t.dateTime(comment.createdAt))}</a></header>
${node.held ? h`<p class="moderation-note">${t.t('comments.awaitingModeration')}</p>` : empty}<div class="comment-content">${trusted(comment.html)}</div>
${replyLink(node, name, ctx)}</article>${children}</li>`;
}

export function commentsHeading(count: number, t: Translator): string {
  return count > 0 ? t.plural('comments.count', count) : t.t('comments.none');
}

/** The discussion under a post: the thread as nested ordered lists, then the form (or "closed"). */
export function discussion(view: PostPageView, t: Translator): Html {
  const { thread, form, commentCount, path } = view;
  const closed = h`<p class="comments-closed">${t.t('comments.closed')}</p>`;
  if (thread.length === 0 && !form.open) {
    return h`<section id="comments" class="comments">${closed}</section>`;
  }
  const ctx: ThreadContext = { t, path, replyable: form.open };
  const list =
    thread.length > 0
      ? h`<ol class="comment-list">${thread.map((node) => commentItem(node, ctx))}</ol>`
      : empty;
  return h`<section id="comments" class="comments" aria-labelledby="comments-title">
<h2 id="comments-title">${commentsHeading(commentCount, t)}</h2>
${list}
${form.open ? commentForm(view, t) : closed}
</section>`;
}
