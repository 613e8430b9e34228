import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samizdat } from '../../test/browser/harness.ts';

/** Every file and folder under `dir`, with its permission bits. */
async function modes(dir: string): Promise<Map<string, { folder: boolean; mode: number }>> {
  const all = new Map<string, { folder: boolean; mode: number }>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    all.set(path.slice(dir.length + 1), {
      folder: entry.isDirectory(),
      mode: (await stat(path)).mode & 0o777,
    });
  }
  return all;
}

describe("a site's files under DATA_DIR", () => {
  let root: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'samizdat-modes-'));
    env = { DATA_DIR: join(root, 'data'), SITE_URL: 'http://localhost', DATABASE_URL: '' };
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it(
    'are created readable by their owner only, and an existing database is tightened on open',
    async () => {
      expect((await samizdat(env, 'user', 'add', 'ink', '--email', 'ink@example.org')).code).toBe(0);
      const posts = join(root, 'posts');
      await mkdir(posts);
      await sharp({ create: { width: 64, height: 48, channels: 3, background: '#456' } })
        .jpeg()
        .toFile(join(posts, 'photo.jpg'));
      await writeFile(
        join(posts, 'post.md'),
        '---\ntitle: Private files\nauthor: ink\nimage: photo.jpg\nimage_alt: a square\n---\nText.\n',
      );
      const published = await samizdat(env, 'post', 'publish', join(posts, 'post.md'));
      expect(published.stderr).toBe('');

      const found = await modes(env.DATA_DIR!);
      expect([...found.keys()]).toContain('samizdat.db');
      expect([...found.keys()].some((path) => path.startsWith('media/') && !found.get(path)!.folder)).toBe(
        true,
      );
      expect((await stat(env.DATA_DIR!)).mode & 0o777).toBe(0o700);
      for (const [path, { folder, mode }] of found) expect(mode, path).toBe(folder ? 0o700 : 0o600);

      await chmod(join(env.DATA_DIR!, 'samizdat.db'), 0o644);
      expect((await samizdat(env, 'migrate')).code).toBe(0);
      expect((await stat(join(env.DATA_DIR!, 'samizdat.db'))).mode & 0o777).toBe(0o600);
    },
    // Three runs of the real command, each a new process.
    120_000,
  );
});
