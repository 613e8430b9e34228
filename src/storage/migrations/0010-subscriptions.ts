import { type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { dialectOf } from '../dialect.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (see 0001). */

/**
 * Email notifications (docs/adr/0020). A subscriber is an address (unique case-insensitively), with
 * room for a verified reader identity to be attached later; each subscription is a topic (`posts`,
 * or `replies:POST_ID`) confirmed on its own by a link mailed to the address (double opt-in).
 * `mail_deliveries` records every notification planned, by a key naming the thing and the
 * subscriber, so nothing is sent twice however often its planning runs.
 */
export const subscriptions: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const sqlite = dialectOf(db) === 'sqlite';
    const id = (col: ColumnDefinitionBuilder) =>
      sqlite ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity();
    const timestamp = sqlite ? 'integer' : 'timestamptz';

    await db.schema
      .createTable('subscribers')
      .addColumn('id', 'integer', id)
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('email_key', 'text', (c) => c.notNull().unique())
      // A reader identity (a sign-in with a provider), once those exist: no foreign key yet.
      .addColumn('identity_id', 'integer')
      .addColumn('confirmed_at', timestamp)
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('subscriptions')
      .addColumn('id', 'integer', id)
      .addColumn('subscriber_id', 'integer', (c) =>
        c.notNull().references('subscribers.id').onDelete('cascade'),
      )
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('post_id', 'integer', (c) => c.references('posts.id').onDelete('cascade'))
      .addColumn('confirmed_at', timestamp)
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .addUniqueConstraint('subscriptions_one_per_topic', ['subscriber_id', 'topic'])
      .execute();
    // A topic's recipients, walked in subscriber order one page at a time.
    await db.schema
      .createIndex('subscriptions_by_topic')
      .on('subscriptions')
      .columns(['topic', 'subscriber_id'])
      .execute();
    await db.schema.createIndex('subscriptions_by_post').on('subscriptions').column('post_id').execute();

    await db.schema
      .createTable('mail_deliveries')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('mail_deliveries').execute();
    await db.schema.dropTable('subscriptions').execute();
    await db.schema.dropTable('subscribers').execute();
  },
};
