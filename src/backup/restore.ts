import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract, type Header } from 'tar-stream';
import {
  BackupFailed,
  type DumpRow,
  type IncomingDump,
  type SiteDumps,
  unreadable,
} from '../core/ports/dump.ts';
import {
  END,
  type Ending,
  MANIFEST,
  type Manifest,
  MEDIA,
  readEnding,
  readManifest,
  TABLES,
  STAGING_PREFIX,
} from './format.ts';

export interface RestoreOptions {
  dumps: SiteDumps;
  /** DATA_DIR/media: must hold no file; the backup's media files end up there. */
  mediaDir: string;
  /** A file, or a stream such as standard input (from a decryption tool's output). */
  from: { file: string } | { stream: Readable };
}

export interface RestoreSummary extends Ending {
  manifest: Manifest;
}

/** Rows handed to the database at a time. */
const BATCH = 500;

/** What zlib and tar-stream say when a file is cut short or damaged, as the line an operator reads. */
function describe(error: unknown): BackupFailed | unknown {
  if (error instanceof BackupFailed) return error;
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'Z_BUF_ERROR' || /unexpected end/i.test(e?.message ?? ''))
    return unreadable('it ends too soon: the file is truncated');
  if (e?.code === 'Z_DATA_ERROR') {
    return /header check/i.test(e.message)
      ? unreadable('it is not a Samizdat backup (not gzip-compressed)')
      : unreadable('it is damaged (its compressed data does not check out)');
  }
  if (/tar header|size mismatch/i.test(e?.message ?? ''))
    return unreadable('it is damaged (not a valid tar archive)');
  return error;
}

interface Entry {
  header: Header;
  stream: AsyncIterable<unknown>;
}

/** The archive's entries one at a time, with a look at the next one before taking it. */
class Entries {
  readonly #iterator: AsyncIterator<AsyncIterable<unknown> & { header: Header }>;
  #peeked: Entry | undefined | null = null;
  constructor(from: RestoreOptions['from']) {
    const extract = tarExtract();
    const source = 'stream' in from ? from.stream : createReadStream(from.file);
    const fed = pipeline(source, createGunzip(), extract);
    // The failure also reaches the entries (the extractor is destroyed with it); heard there.
    fed.catch(() => {});
    this.#iterator = extract[Symbol.asyncIterator]();
  }

  async peek(): Promise<Entry | undefined> {
    if (this.#peeked === null) {
      const next = await this.#iterator.next().catch((error: unknown) => {
        throw describe(error);
      });
      this.#peeked = next.done ? undefined : { header: next.value.header, stream: next.value };
    }
    return this.#peeked;
  }

  async take(): Promise<Entry | undefined> {
    const entry = await this.peek();
    this.#peeked = null;
    return entry;
  }

  async close(): Promise<void> {
    await this.#iterator.return?.().catch(() => {});
  }
}

async function contents(entry: Entry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of entry.stream) chunks.push(chunk as Buffer);
  } catch (error) {
    throw describe(error);
  }
  return Buffer.concat(chunks);
}

/** Where a media entry goes under the staging folder; never outside it. */
function mediaPath(root: string, name: string): string {
  const path = resolve(root, name.slice(MEDIA.length));
  if (name.includes('\0') || !path.startsWith(root + sep))
    throw unreadable(`it names a file outside media/: ${name}`);
  return path;
}

/** Files anywhere under the folder, not counting a restore's staging (an empty folder holds none). */
async function filesIn(folder: string): Promise<number> {
  try {
    const found = await readdir(folder, { recursive: true, withFileTypes: true });
    const staged = (path: string) => relative(folder, path).startsWith(STAGING_PREFIX);
    return found.filter((d) => !d.isDirectory() && !staged(join(d.parentPath, d.name))).length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/**
 * Moves what was staged into the media folder, entry by entry: the media folder may be a mount of
 * its own (shared by several instances), so it is filled, never replaced. Returns what it moved.
 */
async function place(staged: string, mediaDir: string): Promise<string[]> {
  const moved: string[] = [];
  for (const name of await readdir(staged)) {
    await rename(join(staged, name), join(mediaDir, name));
    moved.push(join(mediaDir, name));
  }
  return moved;
}

/**
 * Reads FILE into an empty site: the rows into the database in one transaction, the media files into
 * a staging folder inside DATA_DIR/media, moved into place just before the transaction commits.
 * The archive is checked to its last byte (gzip's checksum, the ending's counts) before the commit:
 * a truncated or damaged file, or any failure, leaves the database and the media folder as they were.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreSummary> {
  // Before anything is touched: a file that is not there is the commonest mistake.
  if ('file' in options.from) await access(options.from.file, constants.R_OK);
  const files = await filesIn(options.mediaDir);
  const holds = { ...(await options.dumps.holds()), ...(files > 0 ? { 'media files': files } : {}) };
  if (Object.keys(holds).length > 0) throw new BackupFailed({ type: 'restore-not-empty', holds });
  const mediaDir = resolve(options.mediaDir);
  await mkdir(mediaDir, { recursive: true, mode: 0o700 });
  for (const name of await readdir(mediaDir)) {
    if (name.startsWith(STAGING_PREFIX)) await rm(join(mediaDir, name), { recursive: true, force: true });
  }
  const entries = new Entries(options.from);
  const stagedMedia = await mkdtemp(join(mediaDir, STAGING_PREFIX));
  let placed: string[] = [];
  try {
    const first = await entries.take();
    if (first?.header.name !== MANIFEST) throw unreadable('it is not a Samizdat backup');
    const manifest = readManifest((await contents(first)).toString('utf8'));
    const rows: Record<string, number> = {};
    let restoredFiles = 0;
    let bytes = 0;

    async function* tableRows(table: string): AsyncIterable<DumpRow[]> {
      const prefix = `${TABLES}${table}/`;
      let count = 0;
      for (;;) {
        const next = await entries.peek();
        if (!next?.header.name.startsWith(prefix)) break;
        await entries.take();
        const lines = (await contents(next)).toString('utf8').split('\n');
        let batch: DumpRow[] = [];
        for (const [i, line] of lines.entries()) {
          if (line === '') continue;
          try {
            batch.push(JSON.parse(line) as DumpRow);
          } catch {
            throw unreadable(`${next.header.name}: line ${i + 1} is not JSON`);
          }
          if (batch.length >= BATCH) {
            count += batch.length;
            yield batch;
            batch = [];
          }
        }
        count += batch.length;
        if (batch.length > 0) yield batch;
      }
      rows[table] = count;
    }

    const finish = async () => {
      for (;;) {
        const next = await entries.take();
        if (!next) throw unreadable('it ends too soon: the file is truncated');
        const name = next.header.name;
        if (name === END) {
          const ending = readEnding((await contents(next)).toString('utf8'));
          // To the end of the archive: gzip checks its checksum and length only there.
          if (await entries.take()) throw unreadable('it goes on after its ending');
          const mismatch = manifest.tables.find((t) => (ending.rows[t.name] ?? 0) !== (rows[t.name] ?? 0));
          if (mismatch) throw unreadable(`its table ${mismatch.name} is not whole`);
          if (ending.files !== restoredFiles || ending.bytes !== bytes)
            throw unreadable('its media files are not whole');
          break;
        }
        if (!name.startsWith(MEDIA) || next.header.type !== 'file')
          throw unreadable(`it holds ${name}, out of place in a backup`);
        const path = mediaPath(stagedMedia, name);
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        await pipeline(next.stream, createWriteStream(path, { mode: 0o600, flags: 'wx' })).catch((error) => {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw unreadable(`it holds ${name} twice`);
          throw describe(error);
        });
        restoredFiles += 1;
        bytes += next.header.size ?? 0;
      }
      placed = await place(stagedMedia, mediaDir);
    };

    const dump: IncomingDump = {
      schema: manifest.schema,
      tables: manifest.tables,
      counters: manifest.counters,
      rows: tableRows,
      finish,
    };
    await options.dumps.write(dump);
    return { manifest, rows, files: restoredFiles, bytes };
  } catch (error) {
    // The transaction did not commit: the media it was to come with goes too.
    for (const path of placed) await rm(path, { recursive: true, force: true });
    throw describe(error);
  } finally {
    await entries.close();
    await rm(stagedMedia, { recursive: true, force: true });
  }
}
