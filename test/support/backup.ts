import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { extract, pack } from 'tar-stream';

const root = resolve(import.meta.dirname, '../..');

/** Every file under a folder, by its path inside it, with its bytes (none for a missing folder). */
export async function filesUnder(folder: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  let found;
  try {
    found = await readdir(folder, { recursive: true, withFileTypes: true });
  } catch {
    return files;
  }
  for (const d of found.filter((d) => d.isFile())) {
    const path = join(d.parentPath, d.name);
    files.set(relative(folder, path).split(sep).join('/'), await readFile(path));
  }
  return files;
}

/** Rewrites a backup entry by entry: `change` gets each entry's name and bytes and returns new bytes. */
export async function rewriteBackup(
  from: string,
  to: string,
  change: (name: string, data: Buffer) => Buffer,
): Promise<void> {
  const input = extract();
  const output = pack();
  const written = pipeline(output, createGzip(), createWriteStream(to));
  const reading = pipeline(createReadStream(from), createGunzip(), input);
  for await (const entry of input) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const data = change(entry.header.name, Buffer.concat(chunks));
    await new Promise<void>((done, fail) =>
      output.entry({ ...entry.header, size: data.length }, data, (e) => (e ? fail(e) : done())),
    );
  }
  await reading;
  output.finalize();
  await written;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** `samizdat serve` in its own process, as a site runs; resolves once it answers /healthz. */
export async function serveInProcess(
  env: Record<string, string>,
  role = 'web',
): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'bin/samizdat.js'), 'serve', '--role', role],
    {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`samizdat serve exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, stop };
    if (i > 200) {
      await stop();
      throw new Error('samizdat serve did not answer within 20 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
