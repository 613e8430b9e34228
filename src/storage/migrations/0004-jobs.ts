import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { dialectOf } from '../dialect.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (see 0001). */

/**
 * Jobs with leases (docs/adr/0009). The outbox stays the record of what happened; its
 * `processed_at` now means "dispatched": turned into jobs and signalled to every instance. A job is
 * claimed by one worker at a time through `locked_by` / `locked_until`, and a unique `key` makes an
 * enqueue idempotent (a recurring job is armed by every instance, and exists once).
 */
export const jobs: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const sqlite = dialectOf(db) === 'sqlite';
    const id = (col: ColumnDefinitionBuilder) =>
      sqlite ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity();
    const timestamp = sqlite ? 'integer' : 'timestamptz';

    await db.schema
      .createTable('jobs')
      .addColumn('id', 'integer', id)
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('every_ms', 'integer')
      .addColumn('run_at', timestamp, (c) => c.notNull())
      .addColumn('locked_by', 'text')
      .addColumn('locked_until', timestamp)
      .addColumn('last_error', 'text')
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .addColumn('updated_at', timestamp, (c) => c.notNull())
      .execute();
    // What a claim looks for: pending jobs by due time, and running ones by lease end. Done and
    // failed jobs, the bulk of the table in time, stay out of the index.
    await db.schema
      .createIndex('jobs_due')
      .on('jobs')
      .columns(['run_at', 'id'])
      .where(sql<boolean>`status = 'pending'`)
      .execute();
    await db.schema
      .createIndex('jobs_leased')
      .on('jobs')
      .column('locked_until')
      .where(sql<boolean>`status = 'running'`)
      .execute();
    await db.schema.createIndex('jobs_listing').on('jobs').columns(['status', 'id']).execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('jobs').execute();
  },
};
