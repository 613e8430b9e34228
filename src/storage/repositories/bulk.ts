import { CompiledQuery, type Kysely } from 'kysely';
import type { SqlDialect } from '../dialect.ts';
import type { Database } from '../schema.ts';

/**
 * Multi-row inserts for an import, which writes hundreds of thousands of rows. The statement text
 * depends only on the table, the columns and the row count, and counts come in a few fixed sizes
 * (powers of two up to a maximum), so the driver prepares a handful of texts however many rows
 * there are (and SQLite's statement cache stays small, see sqlite/open.ts). The SQL is built once
 * per size and kept; Kysely's query builder would rebuild it value by value for every batch.
 */

/** Rows at most per statement: well under both databases' limits on bound parameters. */
const MAX_ROWS = 256;

/** Batch sizes for `count` rows: as many `max` as fit, then the powers of two of the rest (7 → 4, 2, 1). */
export function batchSizes(count: number, max: number): number[] {
  const sizes: number[] = [];
  let left = count;
  for (; left >= max; left -= max) sizes.push(max);
  for (let size = max / 2; size >= 1; size /= 2) if (left & size) sizes.push(size);
  return sizes;
}

export interface BulkTable {
  table: string;
  columns: readonly string[];
  /** Appended to the statement: an ON CONFLICT clause, the same in both dialects. */
  onConflict?: string;
}

const texts = new Map<string, string>();

function insertText(d: SqlDialect, target: BulkTable, rows: number): string {
  const key = `${d.name}\n${target.table}\n${target.columns.join(',')}\n${target.onConflict ?? ''}\n${rows}`;
  let text = texts.get(key);
  if (text !== undefined) return text;
  const width = target.columns.length;
  const values: string[] = [];
  for (let r = 0; r < rows; r++) {
    const marks: string[] = [];
    for (let c = 1; c <= width; c++) marks.push(d.name === 'postgres' ? `$${r * width + c}` : '?');
    values.push(`(${marks.join(', ')})`);
  }
  const columns = target.columns.map((c) => `"${c}"`).join(', ');
  text = `insert into "${target.table}" (${columns}) values ${values.join(', ')}${target.onConflict ? ` ${target.onConflict}` : ''}`;
  texts.set(key, text);
  return text;
}

/** Inserts `rows` (each its values in the order of `target.columns`) in a few statements. */
export async function insertRows(
  db: Kysely<Database>,
  d: SqlDialect,
  target: BulkTable,
  rows: readonly unknown[][],
): Promise<void> {
  let start = 0;
  for (const size of batchSizes(rows.length, MAX_ROWS)) {
    const parameters: unknown[] = [];
    for (let r = start; r < start + size; r++) for (const value of rows[r]!) parameters.push(value);
    await db.executeQuery(CompiledQuery.raw(insertText(d, target, size), parameters));
    start += size;
  }
}
