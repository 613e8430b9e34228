import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { dialectOf } from '../dialect.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (see 0001). */

/**
 * Indexes for every reader listing at 100,000 posts and 1,000,000 comments (docs/adr/0017), and the
 * rate-limit hits every instance counts against (several instances on one database share them).
 */
export const readingAtScale: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const timestamp = dialectOf(db) === 'sqlite' ? 'integer' : 'timestamptz';

    // A post's discussion in order (created_at, then id) straight from the index.
    await db.schema.dropIndex('comments_post_status').execute();
    await db.schema
      .createIndex('comments_discussion')
      .on('comments')
      .columns(['post_id', 'status', 'created_at', 'id'])
      .execute();
    // The count of shown comments beside each listed post: an index-only count per post.
    await db.schema
      .createIndex('comments_shown')
      .on('comments')
      .column('post_id')
      .where(sql<boolean>`status = 'approved' and kind = 'comment'`)
      .execute();
    // The site-wide comments feed: the newest approved comments, read backwards.
    await db.schema
      .createIndex('comments_feed')
      .on('comments')
      .columns(['status', 'kind', 'created_at', 'id'])
      .execute();
    // An author's archive: their public posts, newest first.
    await db.schema.dropIndex('posts_author').execute();
    await db.schema
      .createIndex('posts_author_listing')
      .on('posts')
      .columns(['author_id', 'type', 'status', 'published_at', 'id'])
      .execute();

    await db.schema
      .createTable('rate_limit_hits')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('at', timestamp, (c) => c.notNull())
      .addColumn('expires_at', timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rate_limit_hits_key').on('rate_limit_hits').columns(['key', 'at']).execute();
    await db.schema
      .createIndex('rate_limit_hits_expiry')
      .on('rate_limit_hits')
      .column('expires_at')
      .execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('rate_limit_hits').execute();
    await db.schema.dropIndex('posts_author_listing').execute();
    await db.schema.createIndex('posts_author').on('posts').columns(['author_id', 'published_at']).execute();
    await db.schema.dropIndex('comments_feed').execute();
    await db.schema.dropIndex('comments_shown').execute();
    await db.schema.dropIndex('comments_discussion').execute();
    await db.schema
      .createIndex('comments_post_status')
      .on('comments')
      .columns(['post_id', 'status', 'created_at'])
      .execute();
  },
};
