import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (see 0001). */

/**
 * What a WordPress import needs: posts whose source is HTML rather than Markdown, and a record of
 * where each imported row came from. That record is what makes an import safe to run again: a thing
 * already recorded is skipped, and because a post, its comments and their records are written in one
 * transaction, an import killed midway leaves either all of a post or none of it.
 */
export const importMap: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .alterTable('posts')
      .addColumn('format', 'text', (c) => c.notNull().defaultTo('markdown'))
      .execute();

    await db.schema
      .createTable('import_map')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      // No foreign key: the kind says which table the id is in, and a writer may delete an imported
      // post on purpose; a second import then leaves it deleted rather than bringing it back.
      .addColumn('local_id', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('import_map_pk', ['source', 'kind', 'source_id'])
      .execute();
    // `/?p=ID` looks a WordPress id up whatever site it came from.
    await db.schema.createIndex('import_map_by_id').on('import_map').columns(['kind', 'source_id']).execute();
    // The comments already imported under one post, when a later export brings new ones.
    await db.schema.createIndex('import_map_local').on('import_map').columns(['kind', 'local_id']).execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('import_map').execute();
    await db.schema.alterTable('posts').dropColumn('format').execute();
  },
};
