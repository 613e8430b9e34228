import { type Kysely, sql } from 'kysely';
import {
  BackupFailed,
  type DumpColumn,
  type DumpRow,
  type DumpTable,
  type IncomingDump,
  unreadable,
} from '../../core/ports/dump.ts';
import { SECRET_KEY } from '../../core/site/change-settings.ts';
import type { SqlDialect } from '../dialect.ts';
import { MIGRATIONS, migrateTo, migrateToLatest } from '../migrations/index.ts';
import { presentTables } from './read.ts';
import { SELF_FILLED, isLeftOut, type TableSpec } from './tables.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- rows are written by table name at the dump's
   schema level, which today's Database type does not describe. */
type AnyDb = Kysely<any>;

/** Rows per insert: a few hundred, within both databases' limits on bound parameters. */
const rowsPerInsert = (columns: number) => Math.max(1, Math.min(500, Math.floor(30_000 / columns)));

/** What a site holds beyond what it writes on its own when first opened (see SiteDumps.holds). */
export async function holds(db: AnyDb): Promise<Record<string, number>> {
  const existing = new Set((await db.introspection.getTables()).map((t) => t.name));
  const held: Record<string, number> = {};
  for (const name of existing) {
    if (isLeftOut(name) || SELF_FILLED.has(name)) continue;
    const secretOnly = name === 'settings' ? sql`where ${sql.ref('key')} <> ${SECRET_KEY}` : sql``;
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.table(name)} ${secretOnly}`.execute(db);
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) held[name] = n;
  }
  return held;
}

function checkSchema(dump: IncomingDump): string {
  const known = Object.keys(MIGRATIONS);
  const newer = dump.schema.find((name) => !known.includes(name));
  if (newer !== undefined) throw new BackupFailed({ type: 'backup-newer-schema', migration: newer });
  const level = dump.schema[dump.schema.length - 1];
  if (level === undefined || dump.schema.some((name, i) => known[i] !== name))
    throw unreadable('its list of schema migrations is not one this version has');
  return level;
}

/** The dump's tables must be the database's at that schema level, column for column. */
async function checkTables(db: AnyDb, dump: IncomingDump, level: string): Promise<TableSpec[]> {
  const present = await presentTables(db);
  const names = (tables: { name: string }[]) => tables.map((t) => t.name).join(', ');
  if (names(present.map((p) => p.table)) !== names(dump.tables))
    throw unreadable(`its tables (${names(dump.tables)}) are not those of schema ${level}`);
  return present.map(({ spec, table }, i) => {
    const theirs = new Set(dump.tables[i]!.columns.map((c) => c.name));
    const same = table.columns.length === theirs.size && table.columns.every((c) => theirs.has(c.name));
    if (!same) throw unreadable(`the columns of its table ${spec.name} are not those of schema ${level}`);
    return spec;
  });
}

function valueOf(raw: unknown, column: DumpColumn, d: SqlDialect, where: string): unknown {
  if (raw === null) return null;
  const wrong = () =>
    unreadable(`${where}: ${column.name} is not ${column.kind === 'integer' ? 'an' : 'a'} ${column.kind}`);
  switch (column.kind) {
    case 'integer':
      if (!Number.isSafeInteger(raw)) throw wrong();
      return raw;
    case 'text':
      if (typeof raw !== 'string') throw wrong();
      return raw;
    case 'boolean':
      if (typeof raw !== 'boolean') throw wrong();
      return d.bool(raw);
    case 'timestamp': {
      const time = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
      if (Number.isNaN(time)) throw wrong();
      return d.date(new Date(time));
    }
  }
}

/**
 * Writes one table's rows as they come. A row that names a row of the same table further on in key
 * order (a term whose parent was made later) is written without it first and pointed at it once the
 * whole table is in, so foreign keys hold at every statement.
 */
async function writeTable(trx: AnyDb, d: SqlDialect, spec: TableSpec, table: DumpTable, dump: IncomingDump) {
  const self = spec.selfReference;
  const later: { id: unknown; ref: unknown }[] = [];
  const perInsert = rowsPerInsert(table.columns.length);
  let count = 0;
  for await (const batch of dump.rows(table.name)) {
    const values = batch.map((row: DumpRow) => {
      count += 1;
      const where = `${table.name} row ${count}`;
      if (typeof row !== 'object' || row === null || Array.isArray(row))
        throw unreadable(`${where} is not a row`);
      const out: Record<string, unknown> = {};
      for (const column of table.columns) {
        if (!(column.name in row)) throw unreadable(`${where}: ${column.name} is missing`);
        out[column.name] = valueOf(row[column.name], column, d, where);
      }
      if (self && out[self] !== null && (out[self] as number) >= (out.id as number)) {
        later.push({ id: out.id, ref: out[self] });
        out[self] = null;
      }
      return out;
    });
    for (let i = 0; i < values.length; i += perInsert) {
      await trx
        .insertInto(table.name)
        .values(values.slice(i, i + perInsert))
        .execute();
    }
  }
  for (const { id, ref } of later) {
    await trx
      .updateTable(table.name)
      .set({ [self!]: ref })
      .where('id', '=', id)
      .execute();
  }
}

/** Each table's counter at least the dump's, so a new row never takes an id a deleted one had. */
async function setCounters(trx: AnyDb, d: SqlDialect, specs: TableSpec[], counters: Record<string, number>) {
  for (const spec of specs) {
    const column = spec.counter;
    if (!column) continue;
    const counter = counters[spec.name] ?? 0;
    if (!Number.isSafeInteger(counter) || counter < 0)
      throw unreadable(`its counter for ${spec.name} is not a whole number`);
    if (d.name === 'sqlite') {
      const updated =
        await sql`update sqlite_sequence set seq = max(seq, ${counter}) where name = ${spec.name}`.execute(
          trx,
        );
      if (Number(updated.numAffectedRows ?? 0) === 0 && counter > 0)
        await sql`insert into sqlite_sequence (name, seq) values (${spec.name}, ${counter})`.execute(trx);
    } else {
      const highest = sql`greatest(${counter}::bigint, (select coalesce(max(${sql.ref(column)}), 0) from ${sql.table(spec.name)}))`;
      await sql`select setval(pg_get_serial_sequence(${spec.name}, ${column}), greatest(${highest}, 1), ${highest} > 0)`.execute(
        trx,
      );
    }
  }
}

/** SiteDumps.write: see the port. */
export async function writeDump(db: AnyDb, d: SqlDialect, dump: IncomingDump): Promise<void> {
  const level = checkSchema(dump);
  const held = await holds(db);
  if (Object.keys(held).length > 0) throw new BackupFailed({ type: 'restore-not-empty', holds: held });
  await migrateTo(db, level);
  const specs = await checkTables(db, dump, level);
  await db.transaction().execute(async (trx) => {
    // What the site wrote on its own (its secret, that setting's event, recurring jobs) makes way.
    for (const spec of [...specs].reverse()) await trx.deleteFrom(spec.name).execute();
    for (const [i, spec] of specs.entries()) await writeTable(trx, d, spec, dump.tables[i]!, dump);
    await dump.finish();
    await setCounters(trx, d, specs, dump.counters);
  });
  await migrateToLatest(db);
}
