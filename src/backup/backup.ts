import { createReadStream, createWriteStream } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { type Pack, pack as tarPack } from 'tar-stream';
import type { SiteDump, SiteDumps } from '../core/ports/dump.ts';
import {
  chunkName,
  END,
  type Ending,
  FORMAT,
  FORMAT_VERSION,
  type Manifest,
  MANIFEST,
  MEDIA,
  STAGING_PREFIX,
} from './format.ts';

/** A table's rows go into entries of about this size: memory holds one at a time. */
const CHUNK_BYTES = 1024 * 1024;

export interface BackupOptions {
  dumps: SiteDumps;
  database: 'sqlite' | 'postgres';
  /** DATA_DIR/media: every file in it goes into the backup. */
  mediaDir: string;
  /**
   * Where it goes: a file (written to FILE.tmp, renamed when whole), or a stream such as standard
   * output, to be piped straight into an encryption tool, so the secrets never touch the disk bare.
   */
  to: { file: string } | { stream: Writable };
  now: Date;
}

export type BackupSummary = Ending;

/** Adds one entry and waits until the archive has taken it in: that wait keeps memory flat. */
function entry(archive: Pack, name: string, data: Buffer | string, mtime: Date): Promise<void> {
  return new Promise((resolve, reject) =>
    archive.entry({ name, mtime, mode: 0o600 }, data, (error) => (error ? reject(error) : resolve())),
  );
}

async function addTables(archive: Pack, dump: SiteDump, now: Date): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of dump.tables) {
    let lines: string[] = [];
    let size = 0;
    let chunks = 0;
    let rows = 0;
    const flush = async () => {
      if (lines.length === 0) return;
      chunks += 1;
      await entry(archive, chunkName(table.name, chunks), lines.join(''), now);
      lines = [];
      size = 0;
    };
    for await (const batch of dump.rows(table.name)) {
      for (const row of batch) {
        const line = `${JSON.stringify(row)}\n`;
        lines.push(line);
        size += line.length;
        rows += 1;
        if (size >= CHUNK_BYTES) await flush();
      }
    }
    await flush();
    counts[table.name] = rows;
  }
  return counts;
}

/**
 * Files under the media folder, sorted; half-written ones (FileBlobStore's `.PID.tmp`) and what a
 * killed restore left in its staging folder are not part of the site.
 */
async function mediaFiles(mediaDir: string): Promise<string[]> {
  let found;
  try {
    found = await readdir(mediaDir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return found
    .filter((d) => d.isFile() && !/\.\d+\.tmp$/.test(d.name))
    .map((d) => relative(mediaDir, join(d.parentPath, d.name)).split(sep).join('/'))
    .filter((path) => !path.startsWith(STAGING_PREFIX))
    .sort();
}

/**
 * One file's bytes as they are when opened: a file replaced meanwhile (by rename, as FileBlobStore
 * writes) is read whole from the handle already open.
 */
async function addFile(archive: Pack, path: string, name: string): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const { size, mtime } = await handle.stat();
    if (size === 0) {
      await entry(archive, name, Buffer.alloc(0), mtime);
      return 0;
    }
    await new Promise<void>((resolve, reject) => {
      const sink = archive.entry({ name, size, mtime, mode: 0o600 }, (error) =>
        error ? reject(error) : resolve(),
      );
      pipeline(createReadStream('', { fd: handle, start: 0, end: size - 1, autoClose: false }), sink).catch(
        reject,
      );
    });
    return size;
  } finally {
    await handle.close();
  }
}

async function addMedia(archive: Pack, mediaDir: string): Promise<{ files: number; bytes: number }> {
  let bytes = 0;
  const files = await mediaFiles(mediaDir);
  for (const file of files) bytes += await addFile(archive, join(mediaDir, file), MEDIA + file);
  return { files: files.length, bytes };
}

/** A file that appears only whole, or a stream that is written as the archive comes. */
async function destination(to: BackupOptions['to']) {
  if ('stream' in to) {
    return {
      send: (archive: Pack) => pipeline(archive, createGzip(), to.stream, { end: false }),
      commit: async () => {},
      abort: async () => {},
    };
  }
  const temporary = `${to.file}.tmp`;
  // Made anew, so the mode given here is the file's whatever an earlier attempt left.
  await rm(temporary, { force: true });
  return {
    send: (archive: Pack) =>
      pipeline(
        archive,
        createGzip(),
        createWriteStream(temporary, { mode: 0o600, flags: 'wx', flush: true }),
      ),
    commit: () => rename(temporary, to.file),
    abort: () => rm(temporary, { force: true }),
  };
}

/**
 * Writes the whole site while it keeps serving: the tables from one snapshot, then the media files
 * (after it, so every file a record of the snapshot names is there). A file is readable by its owner
 * only (it holds the site's secret and password hashes) and appears when complete; on failure
 * nothing is left.
 */
export async function writeBackup(options: BackupOptions): Promise<BackupSummary> {
  const out = await destination(options.to);
  const archive = tarPack();
  const written = out.send(archive);
  const reading = options.dumps.read(async (dump) => {
    const manifest: Manifest = {
      format: FORMAT,
      version: FORMAT_VERSION,
      createdAt: options.now.toISOString(),
      database: options.database,
      schema: dump.schema,
      tables: dump.tables,
      counters: dump.counters,
    };
    await entry(archive, MANIFEST, JSON.stringify(manifest, null, 2), options.now);
    const rows = await addTables(archive, dump, options.now);
    const media = await addMedia(archive, options.mediaDir);
    const ending: Ending = { rows, ...media };
    await entry(archive, END, JSON.stringify(ending, null, 2), options.now);
    archive.finalize();
    return ending;
  });
  try {
    // Whichever fails first (the disk, the database) ends the backup.
    const [summary] = await Promise.all([reading, written]);
    await out.commit();
    return summary;
  } catch (error) {
    archive.destroy(error as Error);
    await Promise.allSettled([reading, written]);
    await out.abort();
    throw error;
  }
}
