import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { CliError } from './errors.ts';

/**
 * Reads the image a post file names, and nothing else: a regular file inside `folder` (the post
 * file's folder, or `--media`), where the path is resolved, after following every link, still
 * inside the folder's real path. `/dev/zero`, `/etc/passwd`, `../../x` and a link out are refused
 * with the same line as a file that does not exist, so the message tells nothing about what lies
 * outside. The size is checked before reading, and the read stops one byte past the limit, so a
 * file that grows meanwhile is refused rather than read whole.
 */
export async function readImageFile(name: string, folder: string, maxBytes: number): Promise<Uint8Array> {
  const notHere = new CliError(
    `${name}: no such file in ${folder} (an image must be a regular file inside the post's folder, or the folder given with --media)`,
  );
  let root: string;
  try {
    root = await realpath(folder);
  } catch {
    throw new CliError(`${folder}: no such folder`);
  }
  let path: string;
  try {
    path = await realpath(resolve(folder, name));
  } catch {
    throw notHere;
  }
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) throw notHere;

  // O_NONBLOCK: a FIFO planted in the folder must not hang the command; O_NOFOLLOW: nor a link
  // swapped in since realpath looked.
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
    () => {
      throw notHere;
    },
  );
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw notHere;
    if (stat.size > maxBytes) throw tooLarge(name, maxBytes);
    const chunks: Uint8Array[] = [];
    let length = 0;
    for (;;) {
      const chunk = new Uint8Array(Math.min(1024 * 1024, maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) throw tooLarge(name, maxBytes);
    }
    return Buffer.concat(chunks, length);
  } finally {
    await handle.close();
  }
}

function tooLarge(name: string, maxBytes: number): CliError {
  const mb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new CliError(
    `${name}: larger than the limit of ${mb} MB for an image (the site setting mediaMaxBytes)`,
  );
}
