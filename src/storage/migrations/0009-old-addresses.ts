import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (see 0001). */

/**
 * A moved blog's old addresses (docs/adr/0019). `aliases` keeps the old addresses of posts, now
 * with the query when the old address had one (`/blog/?p=42`); `redirects` holds the old addresses
 * that lead to something other than a post (a category by its old id, an attachment's file); and
 * `old_prefixes` the path a blog lived under (`/blog`), whose own listings and feeds answer here
 * without it. Posts keep what WordPress knew them by: their `guid` (a feed reader's id for the item,
 * '' for a post written here) and the `password` a protected post is read with ('' for none).
 */
export const oldAddresses: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .alterTable('posts')
      .addColumn('guid', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .alterTable('posts')
      .addColumn('password', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .createTable('redirects')
      .addColumn('path', 'text', (c) => c.primaryKey())
      .addColumn('location', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('old_prefixes')
      .addColumn('prefix', 'text', (c) => c.primaryKey())
      .addColumn('source', 'text', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('old_prefixes').execute();
    await db.schema.dropTable('redirects').execute();
    await db.schema.alterTable('posts').dropColumn('password').execute();
    await db.schema.alterTable('posts').dropColumn('guid').execute();
  },
};
