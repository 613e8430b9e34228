/**
 * A whole site as rows, the same whichever database wrote it: what `samizdat backup` writes out and
 * `samizdat restore` reads back in (docs/adr/0018). Values are plain JSON: integers, text, booleans,
 * timestamps as ISO 8601 text (UTC, milliseconds), and null.
 */
export type DumpValue = string | number | boolean | null;
export type DumpRow = Record<string, DumpValue>;

/** How a column's value is written in a dump, and so how each database reads it back. */
export type ColumnKind = 'integer' | 'text' | 'timestamp' | 'boolean';

export interface DumpColumn {
  name: string;
  kind: ColumnKind;
}

export interface DumpTable {
  name: string;
  columns: DumpColumn[];
}

export interface SiteDump {
  /** The schema migrations the database had run, in order: the last one is its schema level. */
  schema: string[];
  /** Every table, parents before the tables whose rows point at them. */
  tables: DumpTable[];
  /**
   * The highest id each table has ever handed out (deleted rows included), so a restored site never
   * gives a deleted comment's public #comment-ID to a new one.
   */
  counters: Record<string, number>;
  /**
   * A table's rows, in its key's order, a batch at a time. Called once per table, in `tables` order:
   * a dump read from an archive can only go forward.
   */
  rows(table: string): AsyncIterable<DumpRow[]>;
}

/** A dump being written into a database: `finish` runs after the last row, before anything is kept. */
export interface IncomingDump extends SiteDump {
  /** Throws to keep nothing (the archive's end is missing, say). */
  finish(): Promise<void>;
}

/**
 * The storage side of backup and restore: one consistent copy of every table while the site keeps
 * serving and writing, and the reverse into an empty database.
 */
export interface SiteDumps {
  /**
   * Reads one consistent snapshot of the whole database: nothing written after it started is in it,
   * and nothing is half in it. Writers are not stopped. `work` reads the dump before this returns.
   */
  read<T>(work: (dump: SiteDump) => Promise<T>): Promise<T>;
  /**
   * Rows per table of what a restore would overwrite: everything except what a site writes on its
   * own the first time any command opens it (its secret, the outbox, jobs). Empty for an empty site.
   */
  holds(): Promise<Record<string, number>>;
  /**
   * Writes the dump into this empty database, all in one transaction, with each table's id counter;
   * then brings the schema up to date (a dump from an older schema is migrated as the site would be).
   * Throws BackupFailed for a dump from a newer schema or one that does not match its own schema, or
   * a database that holds something; nothing is written then.
   */
  write(dump: IncomingDump): Promise<void>;
}

/** What can go wrong with a backup file or a restore's target, as the command says it. */
export type BackupFailure =
  | { type: 'backup-unreadable'; reason: string }
  | { type: 'backup-newer-format'; version: number; supported: number }
  | { type: 'backup-newer-schema'; migration: string }
  | { type: 'restore-not-empty'; holds: Record<string, number> };

/** A backup or restore refused for a reason the operator can act on; nothing was written. */
export class BackupFailed extends Error {
  readonly failure: BackupFailure;
  constructor(failure: BackupFailure) {
    super(failure.type);
    this.name = 'BackupFailed';
    this.failure = failure;
  }
}

export const unreadable = (reason: string) => new BackupFailed({ type: 'backup-unreadable', reason });
