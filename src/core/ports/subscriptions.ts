/**
 * Who asked for email, and about what. A subscriber is one address; each subscription is one topic
 * of it, confirmed on its own by a link sent to the address (double opt-in), so an address typed by
 * someone else never starts receiving mail. Nothing is sent for an unconfirmed subscription.
 */

/** New posts of the site, or follow-up comments of one post. */
export type Topic = { kind: 'posts' } | { kind: 'replies'; postId: number };

export interface Subscriber {
  id: number;
  email: string;
  /** A verified reader identity (sign-in with a provider) this address belongs to, once those exist. */
  identityId: number | null;
  /** When the address was first proven to be the reader's (a confirm link followed). */
  confirmedAt: Date | null;
  createdAt: Date;
}

export interface Subscription {
  id: number;
  subscriberId: number;
  topic: Topic;
  confirmedAt: Date | null;
  createdAt: Date;
}

/** One confirmed subscription to write to. */
export interface Recipient {
  subscriptionId: number;
  subscriberId: number;
  email: string;
}

export interface SubscriptionRepository {
  /** The subscriber with this address (compared case-insensitively), added when there is none. */
  ensureSubscriber(email: string, now: Date): Promise<Subscriber>;
  findSubscriber(id: number): Promise<Subscriber | undefined>;
  /** The subscriber's subscription to `topic`, added unconfirmed when there is none. */
  subscribe(subscriberId: number, topic: Topic, now: Date): Promise<Subscription>;
  /** All of a subscriber's subscriptions, oldest first. */
  subscriptionsOf(subscriberId: number): Promise<Subscription[]>;
  /**
   * Confirms those of `ids` that belong to the subscriber and were not confirmed yet (and the
   * subscriber's address with them); returns how many it confirmed.
   */
  confirm(subscriberId: number, ids: number[], now: Date): Promise<number>;
  /** Removes those of `ids` (all when 'all') that belong to the subscriber; returns how many went. */
  unsubscribe(subscriberId: number, ids: number[] | 'all'): Promise<number>;
  /** Confirmed subscriptions to `topic` of subscribers after `afterSubscriberId`, in subscriber order. */
  recipients(topic: Topic, afterSubscriberId: number, limit: number): Promise<Recipient[]>;
  /**
   * Records these deliveries (a key per message: what it is about and to whom) and returns the keys
   * that were new. Called in the transaction that enqueues the messages: a key is taken once, ever.
   */
  claimDeliveries(keys: string[], now: Date): Promise<Set<string>>;
}

/** A topic as stored: 'posts' or 'replies:POST_ID'. */
export function topicKey(topic: Topic): string {
  return topic.kind === 'posts' ? 'posts' : `replies:${topic.postId}`;
}

export function readTopic(key: string, postId: number | null): Topic | undefined {
  if (key === 'posts') return { kind: 'posts' };
  if (key.startsWith('replies:') && postId !== null) return { kind: 'replies', postId };
  return undefined;
}
