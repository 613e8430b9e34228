import type { Comment } from '../core/comments/comment.ts';
import type { CoreDeps } from '../core/deps.ts';
import { mailJob, type MailJobPayload } from '../core/jobs/mail.ts';
import type { Job, JobRequest } from '../core/ports/jobs.ts';
import type { OutboxEvent } from '../core/ports/storage.ts';
import type { Recipient, Topic } from '../core/ports/subscriptions.ts';
import { postPath } from '../core/posts/permalink.ts';
import type { Post } from '../core/posts/post.ts';
import { isPublic } from '../core/reading/visibility.ts';
import type { Language } from '../core/site/settings.ts';
import { NOTIFY_COMMENT, NOTIFY_CONFIRM, NOTIFY_POST } from '../core/subscriptions/subscribe.ts';
import {
  renderConfirmMail,
  renderNewPostMail,
  renderReplyMail,
  renderWriterMail,
  type ReaderLinks,
  type RenderedMail,
  type TopicView,
} from '../render/mail/notifications.ts';
import type { SiteView } from '../render/views.ts';
import { subscriptionUrls } from '../security/subscription-links.ts';
import type { EventPlanner, JobHandler } from './registry.ts';

/** What notifications need besides storage: the public address, the signing key, the language. */
export interface NotifyDeps {
  core: Pick<CoreDeps, 'storage' | 'clock' | 'settings'>;
  secret: string;
  /** Public base URL without a trailing slash. */
  baseUrl: string;
  /** SITE_LANGUAGE, which wins over the stored setting. */
  language?: Language;
}

/** Recipients of a new post planned per job: a restart resumes at the next page, never re-sends one. */
export const POST_PAGE = 100;

const ids = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((v): v is number => Number.isSafeInteger(v) && v > 0) : [];
const id = (value: unknown): number | undefined =>
  Number.isSafeInteger(value) && (value as number) > 0 ? (value as number) : undefined;

/** A post (not a page) that readers can now see: its subscribers' first page. */
function newPost({ payload }: OutboxEvent): JobRequest[] {
  const after = payload.after as { type?: string; visible?: boolean } | undefined;
  return after?.type === 'post' && after.visible === true
    ? [{ type: NOTIFY_POST, payload: { postId: payload.postId, after: 0 } }]
    : [];
}

/**
 * The jobs events imply: a comment that readers see (or the writer should) plans its mail; a post
 * that comes out plans the first page of its subscribers. Each is one job, keyed by its event.
 */
export const notificationPlanners: Readonly<Record<string, EventPlanner>> = {
  'comment.created': ({ payload }) =>
    payload.status === 'approved' || payload.status === 'pending'
      ? [{ type: NOTIFY_COMMENT, payload: { commentId: payload.commentId, created: true } }]
      : [],
  'comment.approved': ({ payload }) => [{ type: NOTIFY_COMMENT, payload: { commentId: payload.commentId } }],
  // Out of spam or the trash: readers see it for the first time (the deliveries keep a comment's mail to one).
  'comment.restored': ({ payload }) =>
    payload.to === 'approved' ? [{ type: NOTIFY_COMMENT, payload: { commentId: payload.commentId } }] : [],
  'post.published': newPost,
  // Written straight to the public (not drafted or scheduled first).
  'post.created': newPost,
};

interface Planned {
  /** Names the message once and for all (what it is about, and to whom): see claimDeliveries. */
  key: string;
  message: MailJobPayload;
}

function withUnsubscribe(mail: RenderedMail, to: string, links: ReaderLinks): MailJobPayload {
  return {
    to,
    ...mail,
    // RFC 8058: the provider POSTs `List-Unsubscribe=One-Click` to the URL, with no cookie.
    headers: {
      'List-Unsubscribe': `<${links.unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

export function notificationHandlers(deps: NotifyDeps): Record<string, JobHandler> {
  const { storage } = deps.core;
  const urls = subscriptionUrls(deps.secret, deps.baseUrl);

  async function site(): Promise<SiteView> {
    const settings = await deps.core.settings.current();
    return {
      settings: deps.language ? { ...settings, language: deps.language } : settings,
      baseUrl: deps.baseUrl,
    };
  }

  const postUrl = (view: SiteView, post: Post) => `${deps.baseUrl}${postPath(post, view.settings.permalink)}`;

  const readerLinks = (recipient: Recipient): ReaderLinks => ({
    unsubscribe: urls.unsubscribe({
      subscriberId: recipient.subscriberId,
      email: recipient.email,
      subscriptionId: recipient.subscriptionId,
    }),
    manage: urls.manage({ subscriberId: recipient.subscriberId, email: recipient.email }),
  });

  /** Every recipient of a topic (a post's follow-up subscribers are few). */
  async function allRecipients(topic: Topic): Promise<Recipient[]> {
    const all: Recipient[] = [];
    for (let after = 0; ;) {
      const page = await storage.subscriptions.recipients(topic, after, 500);
      all.push(...page);
      if (page.length < 500) return all;
      after = page.at(-1)!.subscriberId;
    }
  }

  /**
   * Takes each message's delivery key and enqueues the messages whose key was new, in one
   * transaction (with `more`, the job that carries on): run again after a crash, it adds nothing.
   */
  async function enqueue(planned: Planned[], now: Date, more?: JobRequest): Promise<void> {
    await storage.transaction(async (tx) => {
      const fresh = await tx.subscriptions.claimDeliveries(
        planned.map((p) => p.key),
        now,
      );
      for (const p of planned)
        if (fresh.has(p.key)) await tx.jobs.enqueue(mailJob(p.message, `mail:${p.key}`), now);
      if (more) await tx.jobs.enqueue(more, now);
    });
  }

  const inMail = (view: SiteView, post: Post, comment: Comment) => ({
    authorName: comment.authorName,
    html: comment.html,
    url: `${postUrl(view, post)}#comment-${comment.id}`,
  });

  return {
    async [NOTIFY_CONFIRM](job, { now }) {
      const subscriberId = id(job.payload.subscriberId);
      const subscriber = subscriberId && (await storage.subscriptions.findSubscriber(subscriberId));
      if (!subscriber) return;
      const wanted = new Set(ids(job.payload.subscriptionIds));
      const pending = (await storage.subscriptions.subscriptionsOf(subscriber.id)).filter(
        (s) => wanted.has(s.id) && !s.confirmedAt,
      );
      if (pending.length === 0) return;
      const view = await site();
      const topics: TopicView[] = [];
      for (const { topic } of pending) {
        if (topic.kind === 'posts') topics.push({ kind: 'posts' });
        else {
          const post = await storage.posts.findById(topic.postId);
          if (post) topics.push({ kind: 'replies', title: post.title, url: postUrl(view, post) });
        }
      }
      const confirmUrl = urls.confirm(
        { subscriberId: subscriber.id, email: subscriber.email, subscriptionIds: pending.map((s) => s.id) },
        now,
      );
      const mail = renderConfirmMail(view, { confirmUrl, topics });
      await storage.jobs.enqueue(mailJob({ to: subscriber.email, ...mail }, `mail:confirm:${job.id}`), now);
    },

    async [NOTIFY_COMMENT](job: Job, { now }) {
      const commentId = id(job.payload.commentId);
      const comment = commentId && (await storage.comments.findById(commentId));
      if (!comment) return;
      const post = await storage.posts.findById(comment.postId);
      if (!post || !isPublic(post, now)) return;
      const view = await site();
      const planned: Planned[] = [];
      const url = postUrl(view, post);
      const author = comment.authorEmail.toLowerCase();

      if (job.payload.created === true && view.settings.notifyWriterOfComments) {
        const writer = await storage.users.findById(post.authorId);
        if (writer?.email && writer.email.toLowerCase() !== author && comment.status !== 'spam') {
          const mail = renderWriterMail(view, {
            post: { title: post.title, url },
            comment: { ...inMail(view, post, comment), email: comment.authorEmail },
            held: comment.status !== 'approved',
          });
          planned.push({ key: `writer:comment:${comment.id}`, message: { to: writer.email, ...mail } });
        }
      }
      if (comment.status === 'approved') {
        for (const recipient of await allRecipients({ kind: 'replies', postId: post.id })) {
          if (recipient.email.toLowerCase() === author) continue;
          const links = readerLinks(recipient);
          const mail = renderReplyMail(view, {
            post: { title: post.title, url },
            comment: inMail(view, post, comment),
            links,
          });
          planned.push({
            key: `reply:${comment.id}:${recipient.subscriberId}`,
            message: withUnsubscribe(mail, recipient.email, links),
          });
        }
      }
      if (planned.length > 0) await enqueue(planned, now);
    },

    async [NOTIFY_POST](job: Job, { now }) {
      const postId = id(job.payload.postId);
      const after = Number.isSafeInteger(job.payload.after) ? (job.payload.after as number) : 0;
      const post = postId && (await storage.posts.findById(postId));
      // Unpublished again before its mail went out: the rest is not sent.
      if (!post || post.type !== 'post' || !isPublic(post, now)) return;
      const page = await storage.subscriptions.recipients({ kind: 'posts' }, after, POST_PAGE);
      if (page.length === 0) return;
      const view = await site();
      const inPost = { title: post.title, url: postUrl(view, post), html: post.html };
      const planned = page.map((recipient) => {
        const links = readerLinks(recipient);
        return {
          key: `post:${post.id}:${recipient.subscriberId}`,
          message: withUnsubscribe(renderNewPostMail(view, { post: inPost, links }), recipient.email, links),
        };
      });
      const last = page.at(-1)!.subscriberId;
      // Every page of one publication carries the key of its first, so the keys stay short.
      const chain = typeof job.payload.chain === 'string' ? job.payload.chain : (job.key ?? `job:${job.id}`);
      const next =
        page.length === POST_PAGE
          ? { type: NOTIFY_POST, payload: { postId: post.id, after: last, chain }, key: `${chain}>${last}` }
          : undefined;
      await enqueue(planned, now, next);
    },
  };
}
