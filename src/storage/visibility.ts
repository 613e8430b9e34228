import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Visibility } from '../core/reading/visibility.ts';
import type { SqlDialect } from './dialect.ts';
import type { Database } from './schema.ts';

/**
 * The core's visibility (core/reading/visibility.ts) as SQL: the one query shape every repository
 * that lists posts for the public uses, on both dialects. `table` is the name or alias of `posts`.
 */
export function visibleTo(visibility: Visibility, d: SqlDialect, table = 'posts') {
  return (eb: ExpressionBuilder<Database, 'posts'>): Expression<SqlBool> =>
    eb.and([
      eb(sql.ref(`${table}.status`), 'in', [...visibility.statuses]),
      eb(sql.ref(`${table}.published_at`), '<=', d.date(visibility.publishedBefore)),
    ]);
}

/** The same condition as a SQL fragment, for the queries written in SQL (search). */
export function visibleSql(visibility: Visibility, d: SqlDialect, table = 'posts'): RawBuilder<SqlBool> {
  const statuses = sql.join(visibility.statuses.map((s) => sql`${s}`));
  return sql<SqlBool>`(${sql.ref(`${table}.status`)} in (${statuses}) and ${sql.ref(`${table}.published_at`)} <= ${d.date(visibility.publishedBefore)})`;
}
