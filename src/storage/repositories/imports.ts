import { type Kysely, sql } from 'kysely';
import type { ImportedComment, ImportRecord, ImportRepository } from '../../core/ports/storage.ts';
import type { SqlDialect } from '../dialect.ts';
import { atomically } from '../errors.ts';
import type { Database } from '../schema.ts';
import { toRow } from './comments.ts';

/**
 * SQLite's statement cache (sqlite/open.ts) keeps every distinct SQL text for good, and a multi-row
 * insert's text depends on its row count. So rows go in batches whose sizes are powers of two up to
 * a maximum: a handful of SQL texts whatever the counts, and few statements (7 rows take 3).
 */
export function batchSizes(count: number, max: number): number[] {
  const sizes: number[] = [];
  let left = count;
  for (; left >= max; left -= max) sizes.push(max);
  for (let size = max / 2; size >= 1; size /= 2) if (left & size) sizes.push(size);
  return sizes;
}

async function inBatches<T>(rows: T[], max: number, write: (batch: T[]) => Promise<unknown>): Promise<void> {
  let start = 0;
  for (const size of batchSizes(rows.length, max)) {
    await write(rows.slice(start, start + size));
    start += size;
  }
}

/**
 * `count` fresh comment ids, ascending. SQLite: past the highest ever given (AUTOINCREMENT's record,
 * so a deleted comment's public #comment-ID is never reused), safe because the transaction holds the
 * write lock. PostgreSQL: taken from the identity sequence, safe beside other writers.
 */
async function reserveCommentIds(db: Kysely<Database>, d: SqlDialect, count: number): Promise<number[]> {
  if (d.name === 'sqlite') {
    const { rows } = await sql<{ last: number }>`select max(
      coalesce((select seq from sqlite_sequence where name = 'comments'), 0),
      coalesce((select max(id) from comments), 0)) as last`.execute(db);
    const last = Number(rows[0]?.last ?? 0);
    return Array.from({ length: count }, (_, i) => last + 1 + i);
  }
  const { rows } = await sql<{
    id: string | number;
  }>`select nextval(pg_get_serial_sequence('comments', 'id')) as id
    from generate_series(1, ${count}::int)`.execute(db);
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

function commentRow(comment: ImportedComment, id: number, parentId: number | null, d: SqlDialect) {
  return { id, ...toRow({ ...comment, parentId }, d) };
}

export function importRepository(db: Kysely<Database>, d: SqlDialect): ImportRepository {
  const insert = (source: string, records: ImportRecord[]) =>
    db
      .insertInto('import_map')
      .values(records.map((r) => ({ source, kind: r.kind, source_id: r.sourceId, local_id: r.localId })))
      .onConflict((oc) => oc.columns(['source', 'kind', 'source_id']).doNothing())
      .execute();

  return {
    async addComments(comments) {
      if (comments.length === 0) return [];
      return atomically(db, async (tx) => {
        const ids = await reserveCommentIds(tx, d, comments.length);
        const rows = comments.map((c, i) => {
          const { parent: of } = c;
          const parent = of === null ? null : 'id' in of ? of.id : of.index < i ? ids[of.index] : undefined;
          if (parent === undefined) throw new Error(`comment ${i} names a parent after it`);
          return commentRow(c, ids[i]!, parent, d);
        });
        await inBatches(rows, 32, (batch) => tx.insertInto('comments').values(batch).execute());
        return ids;
      });
    },

    async record(source, records) {
      await inBatches(records, 128, (batch) => insert(source, batch));
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
