import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
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
} from './format.ts';

export interface RestoreOptions {
  dumps: SiteDumps;
  /** DATA_DIR/media: must hold no file; the backup's media files end up there. */
  mediaDir: string;
  file: string;
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
  constructor(file: string) {
    const extract = tarExtract();
    const fed = pipeline(createReadStream(file), createGunzip(), extract);
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

/** Files anywhere under the folder (an empty folder, or none at all, holds none). */
async function filesIn(folder: string): Promise<number> {
  try {
    return (await readdir(folder, { recursive: true, withFileTypes: true })).filter((d) => !d.isDirectory())
      .length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/**
 * Reads FILE into an empty site: the rows into the database in one transaction, the media files into
 * a staging folder beside DATA_DIR/media that takes its place just before the transaction commits.
 * The archive is checked to its last byte (gzip's checksum, the ending's counts) before the commit:
 * a truncated or damaged file, or any failure, leaves the database and the media folder as they were.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreSummary> {
  const files = await filesIn(options.mediaDir);
  const holds = { ...(await options.dumps.holds()), ...(files > 0 ? { 'media files': files } : {}) };
  if (Object.keys(holds).length > 0) throw new BackupFailed({ type: 'restore-not-empty', holds });
  const dataDir = dirname(resolve(options.mediaDir));
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const entries = new Entries(options.file);
  const staging = await mkdtemp(join(dataDir, '.restore-'));
  const stagedMedia = join(staging, 'media');
  let placed = false;
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
      if (restoredFiles > 0) {
        await rm(options.mediaDir, { recursive: true, force: true });
        await rename(stagedMedia, options.mediaDir);
        placed = true;
      }
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
    if (placed) await rm(options.mediaDir, { recursive: true, force: true });
    throw describe(error);
  } finally {
    await entries.close();
    await rm(staging, { recursive: true, force: true });
  }
}
