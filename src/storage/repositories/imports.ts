import type { Kysely } from 'kysely';
import type { ImportRecord, ImportRepository } from '../../core/ports/storage.ts';
import type { Database } from '../schema.ts';

/**
 * SQLite's statement cache (sqlite/open.ts) keeps every distinct SQL text for good, and a multi-row
 * insert's text depends on its row count. So rows go in batches whose sizes are powers of two up to
 * this: eight SQL texts whatever the counts, and few statements (a post's 7 records take 3).
 */
const BATCH = 128;

/** Sizes of the batches for `count` rows: as many full ones as fit, then the binary digits of the rest. */
export function batchSizes(count: number): number[] {
  const sizes: number[] = [];
  let left = count;
  for (; left >= BATCH; left -= BATCH) sizes.push(BATCH);
  for (let size = BATCH / 2; size >= 1; size /= 2) if (left & size) sizes.push(size);
  return sizes;
}

export function importRepository(db: Kysely<Database>): ImportRepository {
  const insert = (source: string, records: ImportRecord[]) =>
    db
      .insertInto('import_map')
      .values(records.map((r) => ({ source, kind: r.kind, source_id: r.sourceId, local_id: r.localId })))
      .onConflict((oc) => oc.columns(['source', 'kind', 'source_id']).doNothing())
      .execute();

  return {
    async record(source, records) {
      let start = 0;
      for (const size of batchSizes(records.length)) {
        await insert(source, records.slice(start, start + size));
        start += size;
      }
    },

    async find(source, kind, sourceId) {
      const row = await db
        .selectFrom('import_map')
        .select('local_id')
        .where('source', '=', source)
        .where('kind', '=', kind)
        .where('source_id', '=', sourceId)
        .executeTakeFirst();
      return row?.local_id;
    },

    async all(source, kind) {
      const rows = await db
        .selectFrom('import_map')
        .select(['source_id', 'local_id'])
        .where('source', '=', source)
        .where('kind', '=', kind)
        .execute();
      return new Map(rows.map((r) => [r.source_id, r.local_id]));
    },

    async commentsOf(source, postId) {
      const rows = await db
        .selectFrom('import_map')
        .innerJoin('comments', 'comments.id', 'import_map.local_id')
        .select(['import_map.source_id', 'import_map.local_id'])
        .where('import_map.source', '=', source)
        .where('import_map.kind', '=', 'comment')
        .where('comments.post_id', '=', postId)
        .execute();
      return new Map(rows.map((r) => [r.source_id, r.local_id]));
    },

    async findPost(sourceId) {
      const row = await db
        .selectFrom('import_map')
        .select('local_id')
        .where('kind', '=', 'post')
        .where('source_id', '=', sourceId)
        .orderBy('local_id')
        .limit(1)
        .executeTakeFirst();
      return row?.local_id;
    },
  };
}
