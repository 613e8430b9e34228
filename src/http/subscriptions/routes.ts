import { Hono, type Context } from 'hono';
import type { Subscription } from '../../core/ports/subscriptions.ts';
import { postPath } from '../../core/posts/permalink.ts';
import {
  confirmSubscriptions,
  subscribeByEmail,
  subscriptionsFor,
  unsubscribe,
  type SubscriptionError,
} from '../../core/subscriptions/subscribe.ts';
import { cleanFreeText } from '../../core/input.ts';
import {
  renderSubscriptionPage,
  type SubscriptionItem,
  type SubscriptionPageView,
  type TopicView,
} from '../../render/index.ts';
import type { SiteView } from '../../render/views.ts';
import { keyedHash } from '../../security/signing.ts';
import {
  readToken,
  SUBSCRIPTION_PATHS,
  subscriptionToken,
  type ManageLink,
} from '../../security/subscription-links.ts';
import { clientIp } from '../client-ip.ts';
import { httpFailure } from '../errors.ts';
import { sendPage } from '../reader/respond.ts';
import { siteView, type WebServices } from '../services.ts';

type PageBody = SubscriptionPageView extends infer V
  ? V extends { site: SiteView }
    ? Omit<V, 'site'>
    : never
  : never;

/**
 * The reader's email pages: the "Subscribe by email" form, and the pages the links in emails open.
 * A link's signed token authorises it (src/security/subscription-links.ts); a GET only shows what
 * a button will do, so a mail scanner that follows links changes nothing. Every answer is
 * personal: `private, no-store`, never kept by any cache.
 */
export function subscriptionRoutes(services: WebServices): Hono {
  const app = new Hono({ strict: true });
  const { storage } = services.core;

  async function page(c: Context, body: PageBody, status = 200): Promise<Response> {
    const site = await siteView(services);
    const html = renderSubscriptionPage({ site, ...body } as SubscriptionPageView);
    return sendPage(c, html, { status, personal: true });
  }

  const problem = (c: Context, error: SubscriptionError) => {
    const failure = httpFailure(error);
    return page(c, { kind: 'problem', message: failure.key as never }, failure.status);
  };

  const action = (path: string, token: string) => `${path}?token=${encodeURIComponent(token)}`;
  const manageUrl = ({ subscriberId, email }: ManageLink) =>
    action(SUBSCRIPTION_PATHS.manage, subscriptionToken(services.secret, 'manage', { subscriberId, email }));

  async function items(subscriptions: Subscription[], link?: ManageLink): Promise<SubscriptionItem[]> {
    const { settings } = await siteView(services);
    const out: SubscriptionItem[] = [];
    for (const s of subscriptions) {
      let topic: TopicView;
      if (s.topic.kind === 'posts') topic = { kind: 'posts' };
      else {
        const post = await storage.posts.findById(s.topic.postId);
        if (!post) continue;
        topic = { kind: 'replies', title: post.title, url: postPath(post, settings.permalink) };
      }
      const unsubscribe = link
        ? action(
            SUBSCRIPTION_PATHS.unsubscribe,
            subscriptionToken(services.secret, 'unsubscribe', { ...link, subscriptionId: s.id }),
          )
        : undefined;
      out.push({ topic, pending: !s.confirmedAt, ...(unsubscribe ? { unsubscribe } : {}) });
    }
    return out;
  }

  const token = (c: Context) => cleanFreeText(c.req.query('token') ?? '');

  /** The confirm link's token, refused when forged or past its time. */
  function confirmLink(c: Context) {
    const link = readToken(services.secret, 'confirm', token(c));
    if (!link) return { error: { type: 'link-invalid' } as const };
    if (link.expires * 1000 < services.core.clock.now().getTime())
      return { error: { type: 'link-expired' } as const };
    return { link };
  }

  app.post(SUBSCRIPTION_PATHS.subscribe, async (c) => {
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      return page(c, { kind: 'problem', title: 'subscribe.heading', message: 'error.email.invalid' }, 400);
    }
    const email = typeof form.email === 'string' ? cleanFreeText(form.email).trim() : '';
    const ipHash = keyedHash(services.secret, 'ip', clientIp(c, services.trustProxy));
    const result = await subscribeByEmail(services.core, { email, ipHash });
    if (result.ok) return page(c, { kind: 'check-inbox', email });
    const failure = httpFailure(result.error);
    if (result.error.type === 'rate-limited') {
      c.header('Retry-After', String(result.error.retryAfter));
      return page(
        c,
        { kind: 'problem', title: 'subscribe.heading', message: 'subscriptions.rateLimited' },
        failure.status,
      );
    }
    return page(
      c,
      { kind: 'problem', title: 'subscribe.heading', message: 'error.email.invalid' },
      failure.status,
    );
  });

  app.get(SUBSCRIPTION_PATHS.confirm, async (c) => {
    const { link, error } = confirmLink(c);
    if (error) return problem(c, error);
    const found = await subscriptionsFor(services.core, link);
    if (!found.ok) return problem(c, found.error);
    const named = found.value.subscriptions.filter((s) => link.subscriptionIds.includes(s.id));
    if (named.length === 0) return problem(c, { type: 'link-invalid' });
    const view = { email: link.email, items: await items(named), manage: manageUrl(link) };
    if (named.every((s) => s.confirmedAt)) return page(c, { kind: 'already-confirmed', ...view });
    return page(c, { kind: 'confirm', ...view, action: action(SUBSCRIPTION_PATHS.confirm, token(c)) });
  });

  app.post(SUBSCRIPTION_PATHS.confirm, async (c) => {
    const { link, error } = confirmLink(c);
    if (error) return problem(c, error);
    const result = await confirmSubscriptions(services.core, link);
    if (!result.ok) return problem(c, result.error);
    const subscriptions = (await storage.subscriptions.subscriptionsOf(link.subscriberId)).filter((s) =>
      link.subscriptionIds.includes(s.id),
    );
    return page(c, {
      kind: result.value.outcome === 'confirmed' ? 'confirmed' : 'already-confirmed',
      email: link.email,
      items: await items(subscriptions),
      manage: manageUrl(link),
    });
  });

  app.get(SUBSCRIPTION_PATHS.unsubscribe, async (c) => {
    const link = readToken(services.secret, 'unsubscribe', token(c));
    if (!link) return problem(c, { type: 'link-invalid' });
    const found = await subscriptionsFor(services.core, link);
    if (!found.ok) return problem(c, found.error);
    const act = action(SUBSCRIPTION_PATHS.unsubscribe, token(c));
    if (link.subscriptionId === undefined)
      return page(c, { kind: 'unsubscribe', email: link.email, items: 'all', action: act });
    const named = found.value.subscriptions.filter((s) => s.id === link.subscriptionId);
    // Already gone (unsubscribed before): say so, as the POST would.
    if (named.length === 0)
      return page(c, { kind: 'unsubscribed', email: link.email, manage: manageUrl(link) });
    return page(c, { kind: 'unsubscribe', email: link.email, items: await items(named), action: act });
  });

  // RFC 8058 one-click: the mail provider POSTs here with no Origin and no cookie; the signed token
  // in the URL is the authority (security.ts lets exactly this route past the same-origin check).
  app.post(SUBSCRIPTION_PATHS.unsubscribe, async (c) => {
    const link = readToken(services.secret, 'unsubscribe', token(c));
    if (!link) return problem(c, { type: 'link-invalid' });
    const result = await unsubscribe(services.core, link);
    if (!result.ok) return problem(c, result.error);
    return page(c, { kind: 'unsubscribed', email: link.email, manage: manageUrl(link) });
  });

  app.get(SUBSCRIPTION_PATHS.manage, async (c) => {
    const link = readToken(services.secret, 'manage', token(c));
    if (!link) return problem(c, { type: 'link-invalid' });
    const found = await subscriptionsFor(services.core, link);
    if (!found.ok) return problem(c, found.error);
    const manage = { subscriberId: link.subscriberId, email: link.email };
    return page(c, {
      kind: 'manage',
      email: link.email,
      items: await items(found.value.subscriptions, manage),
      unsubscribeAll: action(
        SUBSCRIPTION_PATHS.unsubscribe,
        subscriptionToken(services.secret, 'unsubscribe', manage),
      ),
    });
  });

  return app;
}
