import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { fileOutput, streamOutput } from './output.ts';

describe('export output', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'samizdat-output-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('writes to FILE.tmp and shows FILE only once committed', async () => {
    const dir = await tempDir();
    const file = join(dir, 'site.xml');
    const out = fileOutput(file);
    const line = `${'Свобода '.repeat(1000)}\n`;
    for (let i = 0; i < 50; i++) await out.write(line);
    expect(existsSync(file)).toBe(false);
    await out.commit();
    expect(await readFile(file, 'utf8')).toBe(line.repeat(50));
    expect(await readdir(dir)).toEqual(['site.xml']);
  });

  it('takes everything back when aborted, before or after the file opened', async () => {
    const dir = await tempDir();
    const early = fileOutput(join(dir, 'early.xml'));
    await early.abort();
    const late = fileOutput(join(dir, 'late.xml'));
    await late.write('x'.repeat(200_000));
    await late.abort();
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails with the reason the file cannot be written, on the first write or at commit', async () => {
    const dir = await tempDir();
    const big = fileOutput(join(dir, 'missing', 'big.xml'));
    await expect(big.write('x'.repeat(200_000))).rejects.toMatchObject({ code: 'ENOENT' });
    await big.abort();
    const small = fileOutput(join(dir, 'missing', 'small.xml'));
    await small.write('x');
    await expect(small.commit()).rejects.toMatchObject({ code: 'ENOENT' });
    await small.abort();
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('streams to standard output as it goes', async () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const out = streamOutput(stream);
    await out.write('a'.repeat(100_000));
    expect(chunks.join('')).toHaveLength(100_000);
    await out.write('end');
    await out.commit();
    expect(chunks.join('')).toBe(`${'a'.repeat(100_000)}end`);
  });
});
