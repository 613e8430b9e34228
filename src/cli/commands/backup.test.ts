import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samizdat } from '../../../test/browser/harness.ts';
import { filesUnder, rewriteBackup, serveInProcess } from '../../../test/support/backup.ts';
import { seedSite } from '../../../test/support/export/seed.ts';
import {
  freshPostgresDatabase,
  postgresAvailability,
  type TestDatabase,
} from '../../../test/support/postgres.ts';
import { makeTestSite, type Dialect, type TestSite } from '../../../test/support/site.ts';
import { openSite, webServices } from '../../boot/site.ts';
import { loadConfig } from '../../config/load.ts';
import { createApp } from '../../http/app.ts';
import { issueFormToken } from '../../http/comments/form-token.ts';
import { silentLogger } from '../../core/ports/logger.ts';
import { newComment } from '../../storage/contract/fixtures.ts';
import { hold, type HeldDump } from '../../storage/contract/dumps.contract.ts';
import { openStorage, type SqlStorage } from '../../storage/index.ts';

const pg = await postgresAvailability();
const ROOT = join(import.meta.dirname, '../../..');
const dialects: Dialect[] = pg.available ? ['sqlite', 'postgres'] : ['sqlite'];

const MEDIA = {
  '2024/03/фото-степь.jpg': randomBytes(300 * 1024),
  '2024/03/фото-степь-480.webp': randomBytes(40 * 1024),
  'imported/old photo (1).png': randomBytes(1000),
  'imported/empty.txt': Buffer.alloc(0),
};

let goneId = 0;

/** A site with every kind of thing: seedSite's posts, pages, threads of every status, plus the rest. */
async function richSite(dialect: Dialect): Promise<TestSite> {
  const t = await makeTestSite(dialect, {
    settings: {
      title: 'Степь и город',
      commentMinFillSeconds: 0,
      commentRateLimit: 100_000,
      commentRefusedLimit: 100_000,
    },
  });
  const { storage } = t.site.core;
  const seeded = await seedSite(storage);
  const essay = seeded.posts.essay.id;
  await storage.comments.create(
    newComment(essay, { parentId: seeded.thread.deep.id, notifyReplies: true, notifyPosts: true }),
  );
  // The highest id so far, deleted: a restored site must never give it out again.
  const gone = await storage.comments.create(newComment(essay));
  await storage.comments.delete(gone.id);
  goneId = gone.id;
  await storage.imports.record('https://old.wordpress.example', [
    { kind: 'post', sourceId: '1234', localId: essay },
    { kind: 'author', sourceId: 'dana', localId: seeded.owner.id },
  ]);
  await storage.jobs.enqueue({ type: 'mail', payload: { to: 'reader@example.org' } }, new Date());
  for (const [path, bytes] of Object.entries(MEDIA)) {
    await mkdir(join(t.dataDir, 'media', path, '..'), { recursive: true });
    await writeFile(join(t.dataDir, 'media', path), bytes);
  }
  // A file FileBlobStore is still writing: not part of the site yet.
  await writeFile(join(t.dataDir, 'media', '2024/03/new.jpg.4242.tmp'), 'half');
  return t;
}

interface Target {
  env: Record<string, string>;
  dataDir: string;
  open(): Promise<SqlStorage>;
  close(): Promise<void>;
}

/** An empty site of the given kind: a new data folder and, for PostgreSQL, a new database. */
async function emptyTarget(dialect: Dialect): Promise<Target> {
  const dataDir = await mkdtemp(join(tmpdir(), 'samizdat-restore-'));
  const database = dialect === 'postgres' ? ((await freshPostgresDatabase()) as TestDatabase) : undefined;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    SITE_URL: 'http://localhost',
    ...(database ? { DATABASE_URL: database.url } : {}),
  };
  const opened: SqlStorage[] = [];
  return {
    env,
    dataDir,
    async open() {
      const storage = await openStorage({ databaseUrl: database?.url, dataDir });
      opened.push(storage);
      return storage;
    },
    async close() {
      for (const storage of opened) await storage.close();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Posts comments through a running server, one after another, keeping the id of each it got its 303 for. */
function commentWriter(url: string, secret: string, postId: number) {
  const acknowledged: number[] = [];
  let running = true;
  const done = (async () => {
    for (let n = 0; running; n++) {
      const token = issueFormToken(secret, postId, new Date(Date.now() - 10_000));
      const res = await fetch(`${url}/comments`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          post_id: String(postId),
          token,
          comment: `Комментарий номер ${n}`,
          author: 'Ерлан',
          email: 'erlan@example.kz',
          url: '',
        }),
      });
      await res.arrayBuffer();
      if (res.status !== 303) throw new Error(`comment ${n} answered ${res.status}`);
      acknowledged.push(Number(res.headers.get('location')!.split('#comment-')[1]));
    }
  })();
  return {
    acknowledged,
    async stop() {
      running = false;
      await done;
    },
  };
}

/** The command with bytes on standard input and standard output kept as bytes. */
async function run(env: Record<string, string>, args: string[], input?: Buffer) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/samizdat.js'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  child.stdin.end(input ?? Buffer.alloc(0));
  const [code] = (await once(child, 'close')) as [number];
  return { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) };
}

const idsOf = (rows: HeldDump['rows'][string]) => rows.map((r) => r.id as number);

/**
 * The restored site holds exactly what the source held when the backup's snapshot was taken: every
 * table the same row for row, except that comments (and their events) written while it ran are
 * there only up to a point, with nothing missing before it.
 */
function expectSnapshotOf(restored: HeldDump, source: HeldDump, before: number[], during: number[]) {
  expect(restored.schema).toEqual(source.schema);
  const restoredComments = idsOf(restored.rows.comments!);
  const last = Math.max(...restoredComments);
  for (const [table, rows] of Object.entries(source.rows)) {
    const growing = table === 'comments' || table === 'outbox';
    const upTo = Math.max(...idsOf(restored.rows[table] ?? []));
    const expected = growing ? rows.filter((r) => (r.id as number) <= upTo) : rows;
    expect(restored.rows[table], table).toEqual(expected);
  }
  expect(restoredComments).toEqual(expect.arrayContaining(before));
  // A prefix of what was acknowledged: each acknowledged comment up to the last one in, none after.
  const written = new Set([...before, ...during]);
  expect(restoredComments.filter((id) => written.has(id))).toEqual(
    [...before, ...during].filter((id) => id <= last),
  );
  // Each comment came with its event in one transaction: the snapshot has both or neither.
  const events = restored.rows.outbox!.filter((r) => r.topic === 'comment.created');
  expect(
    events
      .map((r) => (JSON.parse(r.payload as string) as { commentId: number }).commentId)
      .sort((a, b) => a - b),
  ).toEqual(restoredComments.filter((id) => written.has(id)));
}

describe('samizdat backup and restore --help', () => {
  it.each([['backup'], ['restore']])('explains %s', async (command) => {
    const out = await samizdat({}, command, '--help');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`^Usage: samizdat ${command} \\[options\\] <file>`));
  });
});

describe.each(dialects)('a site on %s, backed up while it serves and takes comments', (source) => {
  let t: TestSite;
  let dir: string;
  let file: string;
  let before: number[];
  let during: number[];
  let held: HeldDump;

  beforeAll(async () => {
    t = await richSite(source);
    dir = await mkdtemp(join(tmpdir(), 'samizdat-backup-'));
    file = join(dir, 'site.tar.gz');
    const server = await serveInProcess(t.env);
    try {
      const essay = (await t.site.core.storage.posts.findBySlug('степные-выборы'))!;
      const writer = commentWriter(server.url, t.site.secret, essay.id);
      try {
        while (writer.acknowledged.length < 15) await new Promise((r) => setTimeout(r, 20));
        before = [...writer.acknowledged];
        const out = await samizdat(t.env, 'backup', file);
        expect(out.stderr).toMatch(
          /^backed up \d+ posts and pages, \d+ comments, 2 users, 3 tags and categories, \d+ settings, 2 old URLs, 4 media files \(\d+ KiB\) to .*site\.tar\.gz\n$/,
        );
        expect(out.code).toBe(0);
        expect(out.stdout + out.stderr).not.toContain(t.site.secret);
        const after = writer.acknowledged.length;
        while (writer.acknowledged.length < after + 5) await new Promise((r) => setTimeout(r, 20));
      } finally {
        await writer.stop();
      }
      during = writer.acknowledged.slice(before.length);
    } finally {
      await server.stop();
    }
    held = await hold(t.site.core.storage);
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes one file readable by its owner only, and nothing beside it', async () => {
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['site.tar.gz']);
    // The snapshot's copy (SQLite) is gone from the data folder.
    expect((await readdir(t.dataDir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('pipes through standard output and standard input just the same', async () => {
    const sent = await run(t.env, ['backup', '-']);
    expect(sent.stderr.toString()).toMatch(/ to standard output\n$/);
    expect(sent.code).toBe(0);
    const to = await emptyTarget('sqlite');
    try {
      const got = await run(to.env, ['restore', '-'], sent.stdout);
      expect(got.stderr.toString()).toMatch(/^restored .* from standard input \(taken /);
      expect(got.code).toBe(0);
      const restored = await hold(await to.open());
      expect(restored.rows.posts).toEqual(held.rows.posts);
      expect(restored.rows.settings).toEqual(held.rows.settings);
      expect((await filesUnder(join(to.dataDir, 'media'))).size).toBe(Object.keys(MEDIA).length);
    } finally {
      await to.close();
    }
  });

  it.each(dialects)('restores into an empty site on %s: every row and every media file', async (target) => {
    const to = await emptyTarget(target);
    try {
      const out = await samizdat(to.env, 'restore', file);
      expect(out.stderr).toMatch(
        /^restored \d+ posts and pages, \d+ comments, .*4 media files .* from .*\(taken .* from (SQLite|PostgreSQL)\)\n$/,
      );
      expect(out.code).toBe(0);
      expect(out.stdout + out.stderr).not.toContain(t.site.secret);
      const storage = await to.open();
      const restoredDump = await hold(storage);
      expectSnapshotOf(restoredDump, held, before, during);

      const media = await filesUnder(join(to.dataDir, 'media'));
      expect([...media.keys()].sort()).toEqual(Object.keys(MEDIA).sort());
      for (const [path, bytes] of Object.entries(MEDIA))
        expect(media.get(path)?.equals(bytes), path).toBe(true);
      expect((await readdir(to.dataDir)).filter((name) => name.startsWith('.'))).toEqual([]);

      // The restored site serves the essay, its thread and its secret-signed form as the old one did.
      const restored = await openSite(loadConfig(to.env), { log: silentLogger });
      try {
        expect(restored.secret).toBe(t.site.secret);
        const page = await createApp(webServices(restored)).request(
          '/%D1%81%D1%82%D0%B5%D0%BF%D0%BD%D1%8B%D0%B5-%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B/',
        );
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('Свобода слова');
        // A new comment takes an id past every one the old site gave out, deleted ones included.
        const next = await restored.core.storage.comments.create(newComment(1));
        expect(next.id).toBeGreaterThan(Math.max(...idsOf(restoredDump.rows.comments!)));
        expect(next.id).toBeGreaterThan(goneId);
      } finally {
        await restored.close();
      }
    } finally {
      await to.close();
    }
  });
});

describe('samizdat restore refuses what it cannot restore whole', () => {
  let t: TestSite;
  let dir: string;
  let good: string;

  beforeAll(async () => {
    t = await richSite('sqlite');
    dir = await mkdtemp(join(tmpdir(), 'samizdat-bad-backup-'));
    good = join(dir, 'good.tar.gz');
    expect((await samizdat(t.env, 'backup', good)).code).toBe(0);
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const variant = async (name: string, make: (path: string) => Promise<void>) => {
    const path = join(dir, name);
    await copyFile(good, path);
    await make(path);
    return path;
  };
  const manifest = (change: (m: Record<string, unknown>) => void) => (name: string, data: Buffer) => {
    if (name !== 'samizdat-backup.json') return data;
    const m = JSON.parse(data.toString()) as Record<string, unknown>;
    change(m);
    return Buffer.from(JSON.stringify(m));
  };

  const cases: [string, (path: string) => Promise<void>, (file: string) => string][] = [
    [
      'truncated',
      async (path) => truncate(path, Math.floor((await stat(path)).size * 0.6)),
      (file) => `${file}: not a backup that can be restored: it ends too soon: the file is truncated`,
    ],
    [
      'damaged',
      async (path) => {
        const bytes = await readFile(path);
        // In the middle of the photo's bytes, which gzip stores as they are: only its checksum can tell.
        for (let i = 0; i < 64; i++) bytes[Math.floor(bytes.length / 2) + i]! ^= 0xff;
        await writeFile(path, bytes);
      },
      (file) =>
        `${file}: not a backup that can be restored: it is damaged (its compressed data does not check out)`,
    ],
    [
      'not-a-backup',
      (path) => writeFile(path, 'just some text\n'),
      (file) =>
        `${file}: not a backup that can be restored: it is not a Samizdat backup (not gzip-compressed)`,
    ],
    [
      'newer-format',
      (path) =>
        rewriteBackup(
          good,
          path,
          manifest((m) => (m.version = 2)),
        ),
      (file) =>
        `${file}: written by a newer Samizdat (backup format 2; this version reads 1): upgrade Samizdat to restore it`,
    ],
    [
      'newer-schema',
      (path) =>
        rewriteBackup(
          good,
          path,
          manifest((m) => (m.schema = [...(m.schema as string[]), '9999_future'])),
        ),
      (file) =>
        `${file}: taken from a newer database schema (migration 9999_future): upgrade Samizdat to restore it`,
    ],
    [
      'a-row-short',
      (path) =>
        rewriteBackup(good, path, (name, data) =>
          name === 'end.json'
            ? Buffer.from(
                data.toString().replace(/"comments": (\d+)/, (_, n) => `"comments": ${Number(n) + 1}`),
              )
            : data,
        ),
      (file) => `${file}: not a backup that can be restored: its table comments is not whole`,
    ],
  ];

  describe.each(dialects)('into an empty site on %s', (target) => {
    it.each(cases)('a %s file: one line, and nothing written', async (name, make, line) => {
      const file = await variant(`${name}.tar.gz`, make);
      const to = await emptyTarget(target);
      try {
        const out = await samizdat(to.env, 'restore', file);
        expect(out.stderr).toBe(`samizdat: ${line(file)}; nothing was written\n`);
        expect(out.code).toBe(1);
        const storage = await to.open();
        expect(await storage.dumps.holds()).toEqual({});
        expect(
          await filesUnder(to.dataDir).then((f) => [...f.keys()].filter((k) => !k.startsWith('samizdat.db'))),
        ).toEqual([]);
      } finally {
        await to.close();
      }
    });
  });

  it('a site that is not empty: one line naming what it holds, and nothing written', async () => {
    const before = await hold(t.site.core.storage);
    const out = await samizdat(t.env, 'restore', good);
    expect(out.stderr).toMatch(
      /^samizdat: the site is not empty \(.*posts: 7.*media files: 5\): restore only into a new database and an empty DATA_DIR; nothing was written\n$/,
    );
    expect(out.code).toBe(1);
    expect(await hold(t.site.core.storage)).toEqual(before);
  });

  it('a file that is not there: one line', async () => {
    const to = await emptyTarget('sqlite');
    try {
      const missing = join(dir, 'missing.tar.gz');
      const out = await samizdat(to.env, 'restore', missing);
      expect(out.stderr).toBe(`samizdat: ${missing}: cannot read (no such file)\n`);
      expect(out.code).toBe(1);
      expect(await readdir(to.dataDir)).toEqual([]);
    } finally {
      await to.close();
    }
  });

  it('a backup into a folder that does not exist: one line, nothing left behind', async () => {
    const file = join(dir, 'nowhere', 'site.tar.gz');
    const out = await samizdat(t.env, 'backup', file);
    expect(out.stderr).toBe(`samizdat: ${file}: cannot write (no such folder: ${join(dir, 'nowhere')})\n`);
    expect(out.code).toBe(1);
  });
});
