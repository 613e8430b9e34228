import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { ImportRepository } from '../../core/ports/storage.ts';
import type { SqlDialect } from '../dialect.ts';
import { atomically } from '../errors.ts';
import type { Database } from '../schema.ts';
import { insertRows, type BulkTable } from './bulk.ts';
import { toRow } from './comments.ts';
import { toRow as postRow } from './posts.ts';

/**
 * `count` fresh ids of `table`, ascending. SQLite: past the highest ever given (AUTOINCREMENT's
 * record, so a deleted comment's public #comment-ID is never reused), safe because the transaction
 * holds the write lock. PostgreSQL: taken from the identity sequence, safe beside other writers.
 */
async function reserveIds(
  db: Kysely<Database>,
  d: SqlDialect,
  table: 'comments' | 'posts',
  count: number,
): Promise<number[]> {
  if (d.name === 'sqlite') {
    const { rows } = await sql<{ last: number }>`select max(
      coalesce((select seq from sqlite_sequence where name = ${table}), 0),
      coalesce((select max(id) from ${sql.table(table)}), 0)) as last`.execute(db);
    const last = Number(rows[0]?.last ?? 0);
    return Array.from({ length: count }, (_, i) => last + 1 + i);
  }
  const { rows } = await sql<{
    id: string | number;
  }>`select nextval(pg_get_serial_sequence(${table}, 'id')) as id
    from generate_series(1, ${count}::int)`.execute(db);
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

const COMMENTS: BulkTable = {
  table: 'comments',
  columns: ['id', 'post_id', 'parent_id', 'kind', 'status', 'author_name', 'author_email',
    'author_email_key', 'author_url', 'identity_id', 'source', 'html', 'ip_hash', 'notify_replies',
    'notify_posts', 'held_reason', 'created_at'],
}; // prettier-ignore

const POSTS: BulkTable = {
  table: 'posts',
  columns: ['id', 'type', 'status', 'slug', 'title', 'source', 'format', 'html', 'excerpt', 'author_id',
    'featured_media_id', 'image_alt', 'image_caption', 'image_credit', 'comment_status', 'sticky',
    'published_at', 'created_at', 'updated_at', 'guid', 'password'],
}; // prettier-ignore

const POST_TERMS: BulkTable = {
  table: 'post_terms',
  columns: ['post_id', 'term_id'],
  onConflict: 'on conflict do nothing',
};

const ALIASES: BulkTable = {
  table: 'aliases',
  columns: ['path', 'post_id'],
  onConflict: 'on conflict (path) do update set post_id = excluded.post_id',
};

const RECORDS: BulkTable = {
  table: 'import_map',
  columns: ['source', 'kind', 'source_id', 'local_id'],
  onConflict: 'on conflict (source, kind, source_id) do nothing',
};

/** A row's values in the order of its table's columns: the repositories' own mapping, reordered. */
function valuesOf(target: BulkTable, row: Record<string, unknown>): unknown[] {
  return target.columns.map((column) => row[column]);
}

export function importRepository(db: Kysely<Database>, d: SqlDialect): ImportRepository {
  return {
    async addPosts(posts) {
      if (posts.length === 0) return [];
      return atomically(db, async (tx) => {
        const ids = await reserveIds(tx, d, 'posts', posts.length);
        const now = d.date(new Date());
        const rows = posts.map(({ post }, i) =>
          valuesOf(POSTS, {
            id: ids[i],
            guid: '',
            password: '',
            ...postRow(post, d),
            created_at: now,
            updated_at: now,
          }),
        );
        const terms = posts.flatMap(({ termIds }, i) => [...new Set(termIds)].map((t) => [ids[i], t]));
        if (d.name === 'sqlite') {
          // SQLite's search index takes a post's tags when the post is written, and reindexes the
          // whole post for every tag added after: terms first (the foreign keys checked at commit).
          await tx.executeQuery(CompiledQuery.raw('pragma defer_foreign_keys = on'));
          await insertRows(tx, d, POST_TERMS, terms);
          await insertRows(tx, d, POSTS, rows);
        } else {
          await insertRows(tx, d, POSTS, rows);
          await insertRows(tx, d, POST_TERMS, terms);
        }
        return ids;
      });
    },

    async addAliases(aliases) {
      // One statement may not name a path twice in PostgreSQL's ON CONFLICT: the last one wins.
      const byPath = new Map(aliases.map((a) => [a.path, a.postId]));
      await insertRows(db, d, ALIASES, [...byPath]);
    },

    async addComments(comments) {
      if (comments.length === 0) return [];
      return atomically(db, async (tx) => {
        const ids = await reserveIds(tx, d, 'comments', comments.length);
        const rows = comments.map((c, i) => {
          const { parent: of } = c;
          const parent = of === null ? null : 'id' in of ? of.id : of.index < i ? ids[of.index] : undefined;
          if (parent === undefined) throw new Error(`comment ${i} names a parent after it`);
          return valuesOf(COMMENTS, { id: ids[i], ...toRow({ ...c, parentId: parent }, d) });
        });
        await insertRows(tx, d, COMMENTS, rows);
        return ids;
      });
    },

    async record(source, records) {
      await insertRows(
        db,
        d,
        RECORDS,
        records.map((r) => [source, r.kind, r.sourceId, r.localId]),
      );
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
