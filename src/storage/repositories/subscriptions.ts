import type { Kysely, Selectable } from 'kysely';
import {
  readTopic,
  topicKey,
  type Subscriber,
  type Subscription,
  type SubscriptionRepository,
  type Topic,
} from '../../core/ports/subscriptions.ts';
import { readDate, type SqlDialect } from '../dialect.ts';
import type { Database, SubscribersTable, SubscriptionsTable } from '../schema.ts';

/** Lower-cased in JavaScript: SQLite's lower() folds only ASCII. */
const emailKey = (email: string) => email.trim().toLowerCase();

function toSubscriber(row: Selectable<SubscribersTable>): Subscriber {
  return {
    id: row.id,
    email: row.email,
    identityId: row.identity_id,
    confirmedAt: row.confirmed_at === null ? null : readDate(row.confirmed_at),
    createdAt: readDate(row.created_at),
  };
}

function toSubscription(row: Selectable<SubscriptionsTable>): Subscription | undefined {
  const topic = readTopic(row.topic, row.post_id);
  if (!topic) return undefined;
  return {
    id: row.id,
    subscriberId: row.subscriber_id,
    topic,
    confirmedAt: row.confirmed_at === null ? null : readDate(row.confirmed_at),
    createdAt: readDate(row.created_at),
  };
}

const postIdOf = (topic: Topic) => (topic.kind === 'replies' ? topic.postId : null);

export function subscriptionRepository(db: Kysely<Database>, d: SqlDialect): SubscriptionRepository {
  return {
    async ensureSubscriber(email, now) {
      const key = emailKey(email);
      await db
        .insertInto('subscribers')
        .values({
          email: email.trim(),
          email_key: key,
          identity_id: null,
          confirmed_at: null,
          created_at: d.date(now),
        })
        .onConflict((oc) => oc.column('email_key').doNothing())
        .execute();
      const row = await db
        .selectFrom('subscribers')
        .selectAll()
        .where('email_key', '=', key)
        .executeTakeFirstOrThrow();
      return toSubscriber(row);
    },

    async findSubscriber(id) {
      const row = await db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toSubscriber(row);
    },

    async subscribe(subscriberId, topic, now) {
      const key = topicKey(topic);
      await db
        .insertInto('subscriptions')
        .values({
          subscriber_id: subscriberId,
          topic: key,
          post_id: postIdOf(topic),
          confirmed_at: null,
          created_at: d.date(now),
        })
        .onConflict((oc) => oc.columns(['subscriber_id', 'topic']).doNothing())
        .execute();
      const row = await db
        .selectFrom('subscriptions')
        .selectAll()
        .where('subscriber_id', '=', subscriberId)
        .where('topic', '=', key)
        .executeTakeFirstOrThrow();
      return toSubscription(row)!;
    },

    async subscriptionsOf(subscriberId) {
      const rows = await db
        .selectFrom('subscriptions')
        .selectAll()
        .where('subscriber_id', '=', subscriberId)
        .orderBy('id')
        .execute();
      return rows.map(toSubscription).filter((s): s is Subscription => s !== undefined);
    },

    async confirm(subscriberId, ids, now) {
      if (ids.length === 0) return 0;
      const result = await db
        .updateTable('subscriptions')
        .set({ confirmed_at: d.date(now) })
        .where('subscriber_id', '=', subscriberId)
        .where('id', 'in', ids)
        .where('confirmed_at', 'is', null)
        .executeTakeFirst();
      const confirmed = Number(result.numUpdatedRows);
      if (confirmed > 0) {
        await db
          .updateTable('subscribers')
          .set({ confirmed_at: d.date(now) })
          .where('id', '=', subscriberId)
          .where('confirmed_at', 'is', null)
          .execute();
      }
      return confirmed;
    },

    async unsubscribe(subscriberId, ids) {
      if (ids !== 'all' && ids.length === 0) return 0;
      let query = db.deleteFrom('subscriptions').where('subscriber_id', '=', subscriberId);
      if (ids !== 'all') query = query.where('id', 'in', ids);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async recipients(topic, afterSubscriberId, limit) {
      const rows = await db
        .selectFrom('subscriptions as s')
        .innerJoin('subscribers as r', 'r.id', 's.subscriber_id')
        .select(['s.id as subscription_id', 'r.id as subscriber_id', 'r.email'])
        .where('s.topic', '=', topicKey(topic))
        .where('s.confirmed_at', 'is not', null)
        .where('s.subscriber_id', '>', afterSubscriberId)
        .orderBy('s.subscriber_id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        subscriptionId: row.subscription_id,
        subscriberId: row.subscriber_id,
        email: row.email,
      }));
    },

    async claimDeliveries(keys, now) {
      const claimed = new Set<string>();
      // In slices: PostgreSQL and SQLite both cap the parameters of one statement.
      for (let start = 0; start < keys.length; start += 500) {
        const slice = keys.slice(start, start + 500);
        const rows = await db
          .insertInto('mail_deliveries')
          .values(slice.map((key) => ({ key, created_at: d.date(now) })))
          .onConflict((oc) => oc.column('key').doNothing())
          .returning('key')
          .execute();
        for (const row of rows) claimed.add(row.key);
      }
      return claimed;
    },
  };
}
