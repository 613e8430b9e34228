import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestSite, type Dialect, type TestSite } from '../../test/support/site.ts';
import { postgresAvailability } from '../../test/support/postgres.ts';
import type { ExportCounts } from './export.ts';
import { exportJson, JSON_EXPORT_FORMAT } from './json-export.ts';
import { fileOutput } from './output.ts';
import { seedSite, TEXT, type Seeded } from '../../test/support/export/seed.ts';

const pg = await postgresAvailability();

interface Exported {
  format: string;
  version: number;
  site: { url: string };
  settings: Record<string, unknown>;
  users: Record<string, unknown>[];
  terms: { id: number; slug: string; parentId: number | null }[];
  media: { id: number; url: string }[];
  posts: {
    id: number;
    status: string;
    type: string;
    format: string;
    source: string;
    html: string;
    terms: number[];
  }[];
  comments: Record<string, unknown>[];
  aliases: { path: string; postId: number }[];
}

describe.each<Dialect>(['sqlite', 'postgres'])('JSON export (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;
  let dir: string;
  let seeded: Seeded;
  let raw: string;
  let doc: Exported;
  let counts: ExportCounts;

  beforeAll(async () => {
    if (skip) return;
    t = await makeTestSite(dialect, { settings: { title: 'Дала' } });
    dir = await mkdtemp(join(tmpdir(), 'samizdat-export-'));
    seeded = await seedSite(t.site.core.storage);
    const file = join(dir, 'site.json');
    const deps = { storage: t.site.core.storage, baseUrl: 'https://blog.example.kz', now: new Date() };
    counts = await exportJson(deps, fileOutput(file));
    raw = await readFile(file, 'utf8');
    doc = JSON.parse(raw) as Exported;
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(skip)('is one JSON document that names its format', () => {
    expect(doc.format).toBe(JSON_EXPORT_FORMAT);
    expect(doc.version).toBe(1);
    expect(doc.site.url).toBe('https://blog.example.kz');
    expect(doc.settings.title).toBe('Дала');
    expect(counts).toEqual({
      posts: 6,
      pages: 1,
      comments: 7,
      authors: 2,
      categories: 2,
      tags: 1,
      media: 1,
      aliases: 2,
    });
  });

  it.skipIf(skip)('never carries the site secret, password hashes or IP hashes', () => {
    expect(Object.keys(doc.settings)).not.toContain('_secret');
    expect(raw).not.toContain(t.site.secret);
    expect(raw).not.toContain('PASSWORD-HASH');
    expect(raw).not.toContain('passwordHash');
    expect(raw).not.toContain('IPHASH');
    expect(raw).not.toContain('ipHash');
    expect(doc.users.map((u) => [u.login, u.canSignIn])).toEqual([
      ['dana', true],
      ['guest-writer', false],
    ]);
  });

  it.skipIf(skip)('holds every post of every status and type, with source, format and HTML', () => {
    const { posts } = seeded;
    expect(doc.posts.map((p) => p.id)).toEqual(Object.values(posts).map((p) => p.id));
    expect(new Set(doc.posts.map((p) => p.status))).toEqual(
      new Set(['published', 'draft', 'scheduled', 'private', 'trash']),
    );
    const essay = doc.posts.find((p) => p.id === posts.essay.id)!;
    expect(essay).toMatchObject({ format: 'markdown', source: posts.essay.source, html: posts.essay.html });
    expect(essay.source).toContain(TEXT.arabic);
    expect(essay.terms.sort()).toEqual([seeded.categories.asia.id, seeded.tag.id].sort());
    expect(doc.posts.find((p) => p.id === posts.html.id)).toMatchObject({
      format: 'html',
      source: posts.html.source,
    });
    expect(doc.posts.find((p) => p.id === posts.page.id)?.type).toBe('page');
  });

  it.skipIf(skip)(
    'holds comments of every status with their commenters, terms parents first, media and old URLs',
    () => {
      expect(doc.comments.map((c) => c.id)).toEqual(Object.values(seeded.thread).map((c) => c.id));
      expect(new Set(doc.comments.map((c) => c.status))).toEqual(
        new Set(['approved', 'pending', 'spam', 'trash']),
      );
      const root = doc.comments.find((c) => c.id === seeded.thread.root.id)!;
      expect(root).toMatchObject({
        authorEmail: seeded.secretEmail,
        authorName: TEXT.hebrew,
        parentId: null,
      });
      expect(doc.comments.find((c) => c.id === seeded.thread.deep.id)?.parentId).toBe(seeded.thread.reply.id);
      expect(doc.terms.map((term) => term.slug)).toEqual(['world', 'центральная-азия', 'қазақстан']);
      expect(doc.media[0]?.url).toMatch(/^https:\/\/blog\.example\.kz\/media\/2024\/03\/%D1%84/);
      expect(doc.aliases.map((a) => a.path).sort()).toEqual(['/2024/03/05/stepnye-vybory/', '/?p=1234']);
    },
  );
});
