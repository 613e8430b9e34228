import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { BlobStore } from '../core/ports/blobs.ts';

/** Files under one folder (DATA_DIR/media); keys are relative paths and may not leave it. */
export class FileBlobStore implements BlobStore {
  private readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The file a key names, or undefined for a key that cannot name one (outside the folder, NUL). */
  private pathOf(key: string): string | undefined {
    if (key.includes('\0')) return undefined;
    const path = resolve(join(this.root, key));
    return path.startsWith(this.root + sep) ? path : undefined;
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    // The message names the key, never the folder on disk.
    if (!path) throw new Error(`not a valid blob key: ${JSON.stringify(key)}`);
    await mkdir(dirname(path), { recursive: true });
    // Write then rename, so a reader never gets half a file.
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, data);
    await rename(temp, path);
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const path = this.pathOf(key);
    if (!path) return undefined;
    try {
      return await readFile(path);
    } catch (error) {
      // Nothing there, or a folder where a file was asked for: no such blob.
      if (['ENOENT', 'ENOTDIR', 'EISDIR'].includes((error as NodeJS.ErrnoException).code ?? ''))
        return undefined;
      throw error;
    }
  }
}
