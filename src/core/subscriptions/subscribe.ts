import { isEmailAddress, LIMITS } from '../comments/validate.ts';
import type { CoreDeps } from '../deps.ts';
import { cleanFreeText } from '../input.ts';
import type { Repositories } from '../ports/storage.ts';
import type { Subscriber, Subscription, Topic } from '../ports/subscriptions.ts';
import { err, ok, type Result } from '../result.ts';

/** The job that mails a confirm link for a request's new subscriptions (src/jobs/notify.ts). */
export const NOTIFY_CONFIRM = 'notify.confirm';
/** The job that plans the mail a comment causes: follow-ups to subscribers, and one to the writer. */
export const NOTIFY_COMMENT = 'notify.comment';
/** The job that plans one page of a new post's mail to its subscribers, then the next page. */
export const NOTIFY_POST = 'notify.post';

/**
 * How often one address may be sent a confirm link from the "Subscribe by email" form, and how often
 * one network address may use the form: each request sends mail to whatever address is typed, so
 * these keep the form from becoming a way to flood someone's inbox.
 */
export const SUBSCRIBE_LIMITS = {
  perEmail: { limit: 5, windowSeconds: 24 * 3600 },
  perIp: { limit: 10, windowSeconds: 3600 },
} as const;

export type SubscriptionError =
  | { type: 'email-invalid' }
  | { type: 'rate-limited'; retryAfter: number }
  /** A link that names no subscription of ours (never made, or since removed). */
  | { type: 'link-invalid' }
  | { type: 'link-expired' }
  /** A link whose address is not the address of the subscriptions it names. */
  | { type: 'link-wrong-address' };

/**
 * Asks for `topics` for `email` inside the caller's transaction (a comment's, or the form's own):
 * the subscriber and each subscription are kept unconfirmed, and, when any is new or still
 * unconfirmed, a job mails the confirm link. Topics already confirmed stay as they are.
 */
export async function requestSubscriptions(
  tx: Repositories,
  request: { email: string; topics: Topic[]; now: Date },
): Promise<{ subscriber: Subscriber; pending: Subscription[] }> {
  const subscriber = await tx.subscriptions.ensureSubscriber(request.email, request.now);
  const pending: Subscription[] = [];
  for (const topic of request.topics) {
    const subscription = await tx.subscriptions.subscribe(subscriber.id, topic, request.now);
    if (!subscription.confirmedAt) pending.push(subscription);
  }
  if (pending.length > 0) {
    await tx.jobs.enqueue(
      {
        type: NOTIFY_CONFIRM,
        payload: { subscriberId: subscriber.id, subscriptionIds: pending.map((s) => s.id) },
      },
      request.now,
    );
  }
  return { subscriber, pending };
}

/** "Subscribe by email" for readers who never comment: new posts, after the confirm link. */
export async function subscribeByEmail(
  deps: CoreDeps,
  form: { email: string; ipHash: string },
): Promise<Result<void, SubscriptionError>> {
  const email = cleanFreeText(form.email).trim();
  if (!email || email.length > LIMITS.email || !isEmailAddress(email)) return err({ type: 'email-invalid' });
  const now = deps.clock.now();
  for (const [key, { limit, windowSeconds }] of [
    [`subscribe:${form.ipHash}`, SUBSCRIBE_LIMITS.perIp],
    [`subscribe-email:${email.toLowerCase()}`, SUBSCRIBE_LIMITS.perEmail],
  ] as const) {
    const hit = await deps.rateLimiter.hit(key, limit, windowSeconds, now);
    if (!hit.allowed) return err({ type: 'rate-limited', retryAfter: hit.retryAfter });
  }
  await deps.storage.transaction((tx) =>
    requestSubscriptions(tx, { email, topics: [{ kind: 'posts' }], now }),
  );
  return ok(undefined);
}

/** What a signed link says (checked for its signature and age by the transport). */
export interface SubscriptionLink {
  subscriberId: number;
  /** The address the link was mailed to. */
  email: string;
}

/** The subscriber a link names, if the link was mailed to that subscriber's address. */
async function subscriberOf(
  deps: Pick<CoreDeps, 'storage'>,
  link: SubscriptionLink,
): Promise<Result<Subscriber, SubscriptionError>> {
  const subscriber = await deps.storage.subscriptions.findSubscriber(link.subscriberId);
  if (!subscriber) return err({ type: 'link-invalid' });
  if (subscriber.email.toLowerCase() !== link.email.toLowerCase()) return err({ type: 'link-wrong-address' });
  return ok(subscriber);
}

export type ConfirmOutcome = 'confirmed' | 'already-confirmed';

/**
 * A confirm link followed: its subscriptions start receiving mail. A link used before changes
 * nothing and says so; a link whose subscriptions are all gone (unsubscribed since) is invalid.
 */
export async function confirmSubscriptions(
  deps: Pick<CoreDeps, 'storage' | 'clock'>,
  link: SubscriptionLink & { subscriptionIds: number[] },
): Promise<Result<{ outcome: ConfirmOutcome; subscriptions: Subscription[] }, SubscriptionError>> {
  const subscriber = await subscriberOf(deps, link);
  if (!subscriber.ok) return subscriber;
  const named = (await deps.storage.subscriptions.subscriptionsOf(subscriber.value.id)).filter((s) =>
    link.subscriptionIds.includes(s.id),
  );
  if (named.length === 0) return err({ type: 'link-invalid' });
  const confirmed = await deps.storage.subscriptions.confirm(
    subscriber.value.id,
    named.map((s) => s.id),
    deps.clock.now(),
  );
  return ok({ outcome: confirmed > 0 ? 'confirmed' : 'already-confirmed', subscriptions: named });
}

/** The subscriptions a manage link shows. */
export async function subscriptionsFor(
  deps: Pick<CoreDeps, 'storage'>,
  link: SubscriptionLink,
): Promise<Result<{ subscriber: Subscriber; subscriptions: Subscription[] }, SubscriptionError>> {
  const subscriber = await subscriberOf(deps, link);
  if (!subscriber.ok) return subscriber;
  return ok({
    subscriber: subscriber.value,
    subscriptions: await deps.storage.subscriptions.subscriptionsOf(subscriber.value.id),
  });
}

/** An unsubscribe link used: one subscription, or all of them. Using it again removes nothing more. */
export async function unsubscribe(
  deps: Pick<CoreDeps, 'storage'>,
  link: SubscriptionLink & { subscriptionId?: number },
): Promise<Result<{ removed: number }, SubscriptionError>> {
  const subscriber = await subscriberOf(deps, link);
  if (!subscriber.ok) return subscriber;
  const ids = link.subscriptionId === undefined ? 'all' : [link.subscriptionId];
  return ok({ removed: await deps.storage.subscriptions.unsubscribe(subscriber.value.id, ids) });
}
