import { type Kysely, sql } from 'kysely';
import type { ColumnKind, DumpRow, DumpTable, DumpValue, SiteDump } from '../../core/ports/dump.ts';
import type { DialectName } from '../dialect.ts';
import { DUMP_TABLES, isLeftOut, type TableSpec } from './tables.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- a dump reads every table by name, whatever
   the schema level of the database: it cannot be typed by today's Database. */
type AnyDb = Kysely<any>;

/** Rows read per query: a few hundred keeps memory small; posts carry whole essays, so fewer. */
const BATCH = 500;
const POST_BATCH = 50;

export interface PresentTable {
  spec: TableSpec;
  table: DumpTable;
}

/** The migrations the database has run, in order. */
export async function appliedMigrations(db: AnyDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((row) => row.name);
}

/**
 * The tables this database has, as the dump describes them: every column with its kind. A table or
 * column the list in tables.ts does not name is an error, never silently left out of a backup.
 */
export async function presentTables(db: AnyDb): Promise<PresentTable[]> {
  const found = new Map(
    (await db.introspection.getTables())
      .filter((t) => !t.isView && !isLeftOut(t.name))
      .map((t) => [t.name, t] as const),
  );
  for (const name of found.keys()) {
    if (!DUMP_TABLES.some((spec) => spec.name === name))
      throw new Error(`table ${name} is not in the backup's table list (src/storage/dump/tables.ts)`);
  }
  const present: PresentTable[] = [];
  for (const spec of DUMP_TABLES) {
    const table = found.get(spec.name);
    if (!table) continue;
    const columns = table.columns.map((column) => {
      const kind = spec.columns[column.name];
      if (!kind)
        throw new Error(
          `column ${spec.name}.${column.name} has no kind in the backup's table list (src/storage/dump/tables.ts)`,
        );
      return { name: column.name, kind };
    });
    present.push({ spec, table: { name: spec.name, columns } });
  }
  return present;
}

function neutral(value: unknown, kind: ColumnKind): DumpValue {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'timestamp':
      return new Date(value instanceof Date ? value.getTime() : Number(value)).toISOString();
    case 'boolean':
      return value === true || value === 1;
    case 'integer':
      return Number(value);
    case 'text':
      return String(value);
  }
}

/** A table's rows in key order, a batch at a time, by keyset: each query starts after the last key. */
async function* rowsOf(db: AnyDb, { spec, table }: PresentTable): AsyncIterable<DumpRow[]> {
  const keys = sql.join(spec.key.map((k) => sql.ref(k)));
  const columns = sql.join(table.columns.map((c) => sql.ref(c.name)));
  const limit = spec.name === 'posts' ? POST_BATCH : BATCH;
  let after: unknown[] | undefined;
  for (;;) {
    const where = after ? sql`where (${keys}) > (${sql.join(after)})` : sql``;
    const { rows } = await sql<Record<string, unknown>>`
      select ${columns} from ${sql.table(spec.name)} ${where} order by ${keys} limit ${limit}`.execute(db);
    if (rows.length === 0) return;
    yield rows.map((row) =>
      Object.fromEntries(table.columns.map((c) => [c.name, neutral(row[c.name], c.kind)])),
    );
    if (rows.length < limit) return;
    const last = rows[rows.length - 1]!;
    after = spec.key.map((k) => last[k]);
  }
}

/** The highest id each table with a counter has handed out, read from the database's own counters. */
async function counters(db: AnyDb, dialect: DialectName, present: PresentTable[]) {
  const result: Record<string, number> = {};
  if (dialect === 'sqlite') {
    const { rows } = await sql<{ name: string; seq: number }>`select name, seq from sqlite_sequence`.execute(
      db,
    );
    for (const row of rows) result[row.name] = Number(row.seq);
  } else {
    for (const { spec } of present) {
      if (!spec.counter) continue;
      const { rows } = await sql<{ value: string | number | null }>`
        select pg_sequence_last_value(pg_get_serial_sequence(${spec.name}, ${spec.counter})::regclass) as value`.execute(
        db,
      );
      result[spec.name] = Number(rows[0]?.value ?? 0);
    }
  }
  return Object.fromEntries(
    present.filter((p) => p.spec.counter).map((p) => [p.spec.name, result[p.spec.name] ?? 0]),
  );
}

/**
 * The dump of a database seen through one consistent view of it: a PostgreSQL transaction with a
 * snapshot, or a SQLite copy nobody else writes to.
 */
export async function dumpOf(db: AnyDb, dialect: DialectName): Promise<SiteDump> {
  const schema = await appliedMigrations(db);
  const present = await presentTables(db);
  return {
    schema,
    tables: present.map((p) => p.table),
    counters: await counters(db, dialect, present),
    rows(name) {
      const table = present.find((p) => p.table.name === name);
      if (!table) throw new Error(`no table ${name} in this dump`);
      return rowsOf(db, table);
    },
  };
}
