import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samizdat } from '../../../test/browser/harness.ts';
import { makeTestSite, type Dialect, type TestSite } from '../../../test/support/site.ts';
import { snapshot } from '../../../test/support/wordpress/import.ts';
import { progressLine } from './import.ts';
import { sampleExport } from '../../../test/support/wordpress/sample-export.ts';
import { wxrAuthor, wxrClose, wxrItem, wxrOpen } from '../../../tools/wxr-writer.ts';
import type { SqlStorage } from '../../storage/index.ts';
import { postgresAvailability } from '../../../test/support/postgres.ts';

const pg = await postgresAvailability();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Enough posts that a run is caught midway: a commit holds at most 200 of them or 250 ms of work. */
const POSTS = 800;
const COMMENTS_PER_POST = 6;

/** An export big enough that an import of it can be caught midway. */
function largeExport(): string {
  const parts = [wxrOpen({ title: 'Большой блог', url: 'https://big.example.org' })];
  parts.push(wxrAuthor({ id: 1, login: 'admin', email: 'admin@big.example.org', name: 'Админ' }));
  for (let id = 1; id <= POSTS; id++) {
    const comments = Array.from({ length: COMMENTS_PER_POST }, (_, k) => ({
      id: id * 100 + k,
      parent: k === 0 ? 0 : id * 100 + k - 1,
      author: `Читатель ${k}`,
      date: `2020-02-0${1 + (k % 9)} 10:00:00`,
      content: `Комментарий ${k} к записи ${id}.`,
    }));
    parts.push(
      wxrItem({
        id,
        title: `Запись номер ${id}`,
        slug: `zapis-${id}`,
        link: `https://big.example.org/2020/01/01/zapis-${id}/`,
        dateGmt: '2020-01-01 09:00:00',
        content: `Текст записи ${id}.\n\nВторой абзац со <a href="https://big.example.org/2020/01/01/zapis-${Math.max(1, id - 1)}/">ссылкой</a>.`,
        tags: [[`tag-${id % 7}`, `Тег ${id % 7}`]],
        comments,
      }),
    );
  }
  parts.push(wxrClose);
  return parts.join('');
}

describe('the progress line', () => {
  it('is redrawn in place on a terminal, with the rate and the time left, and cleared at the end', () => {
    const written: string[] = [];
    const stream = {
      isTTY: true,
      write: (text: string) => written.push(text),
    } as unknown as NodeJS.WriteStream;
    const line = progressLine(stream);
    line.update({ phase: 'importing', bytes: 0, totalBytes: 1000, items: 0, totalItems: 10 });
    line.update({ phase: 'importing', bytes: 500, totalBytes: 1000, items: 5, totalItems: 10 });
    line.clear();
    expect(written[0]).toMatch(/^\r\x1b\[K3\/3 importing 0% · 0 of 10 items · \d+ items\/s · … left$/);
    expect(written.at(-1)).toBe('\r\x1b[K');
  });

  it('says nothing when stderr is not a terminal', () => {
    const written: string[] = [];
    const line = progressLine({
      isTTY: false,
      write: (t: string) => written.push(t),
    } as unknown as NodeJS.WriteStream);
    line.update({ phase: 'reading', bytes: 1, totalBytes: 2, items: 1, totalItems: undefined });
    line.clear();
    expect(written).toEqual([]);
  });
});

describe('samizdat import wxr --help', () => {
  it('explains the command', async () => {
    const out = await samizdat({}, 'import', 'wxr', '--help');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Usage: samizdat import wxr \[options\] <file>/);
    expect(out.stdout).toContain('--media <dir>');
    expect(out.stdout).toContain('--dry-run');
  });
});

describe.each<Dialect>(['sqlite', 'postgres'])('samizdat import wxr (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;
  let dir: string;
  const storage = () => t.site.core.storage as SqlStorage;

  beforeAll(async () => {
    if (skip) return;
    t = await makeTestSite(dialect);
    dir = await mkdtemp(join(tmpdir(), 'samizdat-cli-import-'));
    await writeFile(join(dir, 'sample.xml'), sampleExport());
    await writeFile(join(dir, 'large.xml'), largeExport());
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(skip)(
    'refuses a malformed file in one line with its line and column, writing nothing',
    async () => {
      const broken = join(dir, 'broken.xml');
      await writeFile(broken, sampleExport().replace('</wp:post_name>', '</wp:post_nam>'));
      const before = await snapshot(storage());
      const out = await samizdat(t.env, 'import', 'wxr', broken);
      expect(out.code).toBe(1);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
      expect(out.stderr).toMatch(/^samizdat: .*broken\.xml: line \d+, column \d+: not well-formed XML/);
      expect(await snapshot(storage())).toEqual(before);
      const missing = await samizdat(t.env, 'import', 'wxr', join(dir, 'nope.xml'));
      expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('nope.xml: no such file') });
      const noMedia = await samizdat(t.env, 'import', 'wxr', broken, '--media', join(dir, 'uploads'));
      expect(noMedia).toMatchObject({ code: 1, stderr: expect.stringContaining('uploads: no such folder') });
    },
  );

  it.skipIf(skip)('prints what a dry run would do, the same as JSON, and writes nothing', async () => {
    const before = await snapshot(storage());
    const text = await samizdat(t.env, 'import', 'wxr', join(dir, 'sample.xml'), '--dry-run');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Dry run (nothing written): would import from blog.example.kz');
    expect(text.stdout).toContain('9 posts, 1 page');
    expect(text.stdout).toContain('Media left on the old site (2');
    const json = await samizdat(t.env, 'import', 'wxr', join(dir, 'sample.xml'), '--dry-run', '--json');
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({
      dryRun: true,
      source: 'blog.example.kz',
      imported: { posts: 9, pages: 1 },
    });
    expect(report.missingMedia.items[0].reason).toBe('no --media folder given');
    expect(await snapshot(storage())).toEqual(before);
  });

  it.skipIf(skip)(
    'finishes an import killed midway (kill -9) with nothing duplicated or half-written',
    async () => {
      const file = join(dir, 'large.xml');
      const child = spawn(process.execPath, [resolve(root, 'bin/samizdat.js'), 'import', 'wxr', file], {
        env: { ...process.env, ...t.env },
        stdio: 'ignore',
      });
      const exited = new Promise<void>((done) => child.on('exit', () => done()));
      // Kill it once some posts are written, well before the end.
      for (let i = 0; i < 600 && (await storage().posts.count()) < 40; i++)
        await new Promise((r) => setTimeout(r, 25));
      child.kill('SIGKILL');
      await exited;
      const written = await storage().posts.count();
      expect(written).toBeGreaterThanOrEqual(40);
      expect(written).toBeLessThan(POSTS);
      // Whole posts only: every post there has all its comments.
      expect(await storage().comments.count()).toBe(written * COMMENTS_PER_POST);

      const resumed = await samizdat(t.env, 'import', 'wxr', file, '--json');
      expect(resumed.code).toBe(0);
      expect(JSON.parse(resumed.stdout).alreadyImported.posts).toBe(written);
      const clean = await makeTestSite(dialect);
      try {
        expect((await samizdat(clean.env, 'import', 'wxr', file)).code).toBe(0);
        const [a, b] = [await snapshot(storage()), await snapshot(clean.site.core.storage as SqlStorage)];
        expect({ ...a, updatedAt: 0 }).toEqual({ ...b, updatedAt: 0 });
        expect(a.posts).toBe(POSTS);
        expect(a.comments).toBe(POSTS * COMMENTS_PER_POST);
      } finally {
        await clean.close();
      }
    },
    120_000,
  );
});
