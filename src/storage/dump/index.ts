import type { Kysely } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { SiteDumps } from '../../core/ports/dump.ts';
import type { SqlDialect } from '../dialect.ts';
import type { Database } from '../schema.ts';
import { withSqliteSnapshot } from '../sqlite/open.ts';
import { dumpOf } from './read.ts';
import { holds, writeDump } from './write.ts';

/**
 * The storage port's dumps. A consistent read without stopping writers: on PostgreSQL one
 * read-only REPEATABLE READ transaction (one snapshot for every query in it); on SQLite a copy made
 * by the online backup API, read at leisure.
 */
export function siteDumps(db: Kysely<Database>, d: SqlDialect, connection?: SQLite.Database): SiteDumps {
  return {
    read(work) {
      if (connection)
        return withSqliteSnapshot(connection, async (copy) => work(await dumpOf(copy, 'sqlite')));
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute(async (trx) => work(await dumpOf(trx, 'postgres')));
    },
    holds: () => holds(db),
    write: (dump) => writeDump(db, d, dump),
  };
}
