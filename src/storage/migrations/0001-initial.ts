import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { dialectOf } from '../dialect.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: they must not
   follow later changes to the Database type, so they run against an untyped Kysely. */

export const initial: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const sqlite = dialectOf(db) === 'sqlite';
    // AUTOINCREMENT in SQLite so a deleted comment's id (a public #comment-ID permalink) is never reused.
    const id = (col: ColumnDefinitionBuilder) =>
      sqlite ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity();
    const timestamp = sqlite ? 'integer' : 'timestamptz';
    const bool = sqlite ? 'integer' : 'boolean';
    const text = (col: ColumnDefinitionBuilder) => col.notNull();

    await db.schema
      .createTable('users')
      .addColumn('id', 'integer', id)
      .addColumn('login', 'text', text)
      .addColumn('login_key', 'text', (c) => c.notNull().unique())
      .addColumn('email', 'text', text)
      .addColumn('email_key', 'text', text)
      .addColumn('display_name', 'text', text)
      .addColumn('bio', 'text', text)
      .addColumn('role', 'text', text)
      .addColumn('password_hash', 'text')
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .execute();
    // Imported byline-only authors may have no email; an empty one must not collide.
    await db.schema
      .createIndex('users_email_key_unique')
      .unique()
      .on('users')
      .column('email_key')
      .where(sql<boolean>`email_key <> ''`)
      .execute();

    await db.schema
      .createTable('media')
      .addColumn('id', 'integer', id)
      .addColumn('path', 'text', (c) => c.notNull().unique())
      .addColumn('mime', 'text', text)
      .addColumn('width', 'integer', text)
      .addColumn('height', 'integer', text)
      .addColumn('bytes', 'integer', text)
      .addColumn('variants', 'text', text)
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('posts')
      .addColumn('id', 'integer', id)
      .addColumn('type', 'text', text)
      .addColumn('status', 'text', text)
      .addColumn('slug', 'text', text)
      .addColumn('title', 'text', text)
      .addColumn('source', 'text', text)
      .addColumn('html', 'text', text)
      .addColumn('excerpt', 'text', text)
      .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('featured_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
      .addColumn('image_alt', 'text', text)
      .addColumn('image_caption', 'text', text)
      .addColumn('image_credit', 'text', text)
      .addColumn('comment_status', 'text', text)
      .addColumn('sticky', bool, (c) => c.notNull())
      .addColumn('published_at', timestamp, (c) => c.notNull())
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .addColumn('updated_at', timestamp, (c) => c.notNull())
      .execute();
    // Posts and pages share the /:slug/ namespace, so the slug is unique across both types.
    await db.schema.createIndex('posts_slug_unique').unique().on('posts').column('slug').execute();
    // Serves the reader listings: type + status, newest first (read backwards), id as tiebreak.
    await db.schema
      .createIndex('posts_listing')
      .on('posts')
      .columns(['type', 'status', 'published_at', 'id'])
      .execute();
    await db.schema.createIndex('posts_author').on('posts').columns(['author_id', 'published_at']).execute();

    await db.schema
      .createTable('terms')
      .addColumn('id', 'integer', id)
      .addColumn('taxonomy', 'text', text)
      .addColumn('slug', 'text', text)
      .addColumn('name', 'text', text)
      .addColumn('parent_id', 'integer', (c) => c.references('terms.id').onDelete('set null'))
      .addColumn('description', 'text', text)
      .addUniqueConstraint('terms_taxonomy_slug_unique', ['taxonomy', 'slug'])
      .execute();
    await db.schema.createIndex('terms_parent').on('terms').column('parent_id').execute();

    await db.schema
      .createTable('post_terms')
      .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
      .addColumn('term_id', 'integer', (c) => c.notNull().references('terms.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('post_terms_pk', ['post_id', 'term_id'])
      .execute();
    // The primary key serves "terms of a post"; this serves "posts in a term".
    await db.schema.createIndex('post_terms_term').on('post_terms').columns(['term_id', 'post_id']).execute();

    await db.schema
      .createTable('comments')
      .addColumn('id', 'integer', id)
      .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
      .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
      .addColumn('kind', 'text', text)
      .addColumn('status', 'text', text)
      .addColumn('author_name', 'text', text)
      .addColumn('author_email', 'text', text)
      .addColumn('author_email_key', 'text', text)
      .addColumn('author_url', 'text', text)
      // No foreign key yet: identities arrive with sign-in, in a later migration.
      .addColumn('identity_id', 'integer')
      .addColumn('source', 'text', text)
      .addColumn('html', 'text', text)
      .addColumn('ip_hash', 'text', text)
      .addColumn('notify_replies', bool, (c) => c.notNull())
      .addColumn('notify_posts', bool, (c) => c.notNull())
      .addColumn('held_reason', 'text', text)
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('comments_post_status')
      .on('comments')
      .columns(['post_id', 'status', 'created_at'])
      .execute();
    await db.schema
      .createIndex('comments_email_status')
      .on('comments')
      .columns(['author_email_key', 'status'])
      .execute();
    // The moderation queue: a status, newest first.
    await db.schema
      .createIndex('comments_status_created')
      .on('comments')
      .columns(['status', 'created_at'])
      .execute();
    await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();

    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', text)
      .execute();

    await db.schema
      .createTable('aliases')
      .addColumn('path', 'text', (c) => c.primaryKey())
      .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
      .execute();
    await db.schema.createIndex('aliases_post').on('aliases').column('post_id').execute();

    await db.schema
      .createTable('outbox')
      .addColumn('id', 'integer', id)
      .addColumn('topic', 'text', text)
      .addColumn('payload', 'text', text)
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .addColumn('processed_at', timestamp)
      .execute();
    // Workers only ever look at the unprocessed tail; keep that index small as the table grows.
    await db.schema
      .createIndex('outbox_pending')
      .on('outbox')
      .column('id')
      .where(sql<boolean>`processed_at is null`)
      .execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    for (const table of [
      'outbox',
      'aliases',
      'settings',
      'comments',
      'post_terms',
      'terms',
      'posts',
      'media',
      'users',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
