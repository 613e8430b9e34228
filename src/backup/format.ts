import { type ColumnKind, type DumpTable, BackupFailed, unreadable } from '../core/ports/dump.ts';

/**
 * A backup is one gzip-compressed tar archive (docs/adr/0018), read and written as a stream:
 *
 *   samizdat-backup.json         this manifest: format, version, schema level, tables and columns, counters
 *   tables/TABLE/000001.ndjson   the rows of each table in order, one JSON object a line, about 1 MiB an entry
 *   media/PATH                   every file under DATA_DIR/media, as it is
 *   end.json                     rows per table, media files and bytes: proof the archive is whole
 */
export const FORMAT = 'samizdat-backup';
export const FORMAT_VERSION = 1;

export const MANIFEST = 'samizdat-backup.json';
export const END = 'end.json';
export const TABLES = 'tables/';
export const MEDIA = 'media/';

/** The staging folder a restore fills inside DATA_DIR/media (a killed restore may leave its own). */
export const STAGING_PREFIX = '.restore-';

export interface Manifest {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  /** Which database it was taken from (for the reader's information; a restore goes to either). */
  database: 'sqlite' | 'postgres';
  schema: string[];
  tables: DumpTable[];
  counters: Record<string, number>;
}

export interface Ending {
  rows: Record<string, number>;
  files: number;
  bytes: number;
}

export const chunkName = (table: string, n: number) =>
  `${TABLES}${table}/${String(n).padStart(6, '0')}.ndjson`;

const KINDS: readonly ColumnKind[] = ['integer', 'text', 'timestamp', 'boolean'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isName = (value: unknown): value is string =>
  typeof value === 'string' && /^[a-z_][a-z0-9_]*$/.test(value);

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw unreadable(`its ${what} is not JSON`);
  }
}

/** The manifest, checked: a newer format is refused by its version before anything else is trusted. */
export function readManifest(text: string): Manifest {
  const value = parseJson(text, 'manifest');
  if (!isObject(value) || value.format !== FORMAT) throw unreadable('it is not a Samizdat backup');
  if (!isCount(value.version) || value.version < 1) throw unreadable('its format version is missing');
  if (value.version > FORMAT_VERSION)
    throw new BackupFailed({
      type: 'backup-newer-format',
      version: value.version,
      supported: FORMAT_VERSION,
    });
  const tables = value.tables;
  const wellFormed =
    (value.database === 'sqlite' || value.database === 'postgres') &&
    Array.isArray(value.schema) &&
    value.schema.every((name) => typeof name === 'string') &&
    Array.isArray(tables) &&
    tables.every(
      (t) =>
        isObject(t) &&
        isName(t.name) &&
        Array.isArray(t.columns) &&
        t.columns.every((c) => isObject(c) && isName(c.name) && KINDS.includes(c.kind as ColumnKind)),
    ) &&
    isObject(value.counters) &&
    Object.values(value.counters).every(isCount);
  if (!wellFormed) throw unreadable('its manifest does not describe a site');
  return value as unknown as Manifest;
}

export function readEnding(text: string): Ending {
  const value = parseJson(text, 'ending');
  if (!isObject(value) || !isObject(value.rows) || !isCount(value.files) || !isCount(value.bytes))
    throw unreadable('its ending does not say what it holds');
  if (!Object.values(value.rows).every(isCount)) throw unreadable('its ending does not say what it holds');
  return value as unknown as Ending;
}

/** A few words for what the rows are, in the summary a command prints. */
const LABELS: Record<string, [string, string]> = {
  posts: ['post or page', 'posts and pages'],
  comments: ['comment', 'comments'],
  users: ['user', 'users'],
  terms: ['tag or category', 'tags and categories'],
  settings: ['setting', 'settings'],
  aliases: ['old URL', 'old URLs'],
};

export function describeRows(rows: Record<string, number>): string {
  return Object.entries(LABELS)
    .filter(([table]) => (rows[table] ?? 0) > 0)
    .map(([table, [one, many]]) => `${rows[table]} ${rows[table] === 1 ? one : many}`)
    .join(', ');
}

export function describeFiles(files: number, bytes: number): string {
  const size =
    bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${files} media ${files === 1 ? 'file' : 'files'} (${size})`;
}
