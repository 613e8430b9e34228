import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';

/** Where an export goes, written in order; nothing is visible at the destination until `commit`. */
export interface ExportOutput {
  write(text: string): Promise<void>;
  /** Everything is written: make it the file. */
  commit(): Promise<void>;
  /** Something failed: leave nothing behind. Safe to call after a failed commit. */
  abort(): Promise<void>;
}

/** Writes of this size keep system calls few without holding much of the export in memory. */
const CHUNK = 64 * 1024;

/**
 * Buffers text into chunks and writes one chunk at a time, waiting for each: that wait is the
 * backpressure that keeps memory flat however fast the database answers, and a write error
 * (a full disk) surfaces here rather than as an unhandled stream event.
 */
function chunked(stream: Writable) {
  let pending: string[] = [];
  let size = 0;
  // The first error says what went wrong (ENOENT on open); later writes only say the stream is gone.
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure ??= error;
  });
  const flush = async () => {
    if (failure) throw failure;
    if (size === 0) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    await new Promise<void>((resolve, reject) =>
      stream.write(text, 'utf8', (error) => (error ? reject(failure ?? error) : resolve())),
    );
  };
  return {
    async write(text: string) {
      pending.push(text);
      size += text.length;
      if (size >= CHUNK) await flush();
    },
    flush,
  };
}

/**
 * A file written as FILE.tmp and renamed over FILE when complete (and flushed to disk), so a failed
 * or interrupted export never leaves a half file where a whole one is expected.
 */
export function fileOutput(file: string): ExportOutput {
  const temporary = `${file}.tmp`;
  const stream = createWriteStream(temporary, { flush: true });
  const out = chunked(stream);
  return {
    write: out.write,
    async commit() {
      await out.flush();
      await new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        stream.end(() => resolve());
      });
      await rename(temporary, file);
    },
    async abort() {
      // Destroying a stream whose file is still opening closes it once opened: wait for that, or the
      // file would appear after it was removed.
      if (!stream.closed) {
        const closed = once(stream, 'close');
        stream.destroy();
        await closed;
      }
      await rm(temporary, { force: true });
    },
  };
}

/** Standard output (`-` as FILE): written as it comes; there is no file to take back on failure. */
export function streamOutput(stream: Writable): ExportOutput {
  const out = chunked(stream);
  return {
    write: out.write,
    commit: out.flush,
    async abort() {},
  };
}
