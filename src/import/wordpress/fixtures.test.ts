import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireFixtures } from '../../../test/support/fixtures.ts';
import { makeTestSite, type Dialect, type TestSite } from '../../../test/support/site.ts';
import type { SqlStorage } from '../../storage/index.ts';
import { postgresAvailability } from '../../../test/support/postgres.ts';
import { WxrError } from '../wxr/types.ts';
import { importWordpress } from './import.ts';
import type { ImportReport } from './report.ts';
import { importDeps, snapshot } from '../../../test/support/wordpress/import.ts';

/**
 * Every WordPress export under ../shared/fixtures/wxr/ through the real import, on both databases.
 * What each file must hold is counted here from the file's text with regular expressions, a way of
 * reading it that shares nothing with the importer.
 */

const fixtures = requireFixtures('wxr');
const pg = await postgresAvailability();

/** Files refused on purpose, and why: a file that is not well-formed XML or not an export we read. */
const REFUSED: Record<string, RegExp> = {
  'ghost-migrate/sample.xml': /^line 109, column \d+: not well-formed XML/,
  'wordpress-importer/crazy-cdata.xml': /^line 18, column \d+: not well-formed XML/,
  'wordpress-importer/invalid-version-tag.xml': /unsupported WXR version "abc"/,
  'wordpress-importer/malformed-simple.xml': /not well-formed XML/,
  'wordpress-importer/malformed.xml': /^line 90, column \d+: not well-formed XML/,
};

function xmlFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? xmlFiles(path) : path.endsWith('.xml') ? [path] : [];
    })
    .sort();
}

// Counting from the text ------------------------------------------------------------------------

const unwrap = (text: string) => text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
const blocks = (text: string, tag: string) =>
  [...text.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1] ?? '');
const field = (block: string, name: string) =>
  unwrap(new RegExp(`<wp:${name}>([\\s\\S]*?)</wp:${name}>`).exec(block)?.[1] ?? '').trim();
const slugOf = (raw: string) => decodeURIComponent(raw).normalize('NFC').toLowerCase();

interface FileFacts {
  posts: { id: number; type: string; sticky: boolean; title: string; content: string }[];
  comments: { id: number; parent: number }[];
  categories: Set<string>;
  tags: Set<string>;
  /** Category slug → parent slug, for categories listed with a parent. */
  parents: Map<string, string>;
}

function facts(text: string): FileFacts {
  const out: FileFacts = {
    posts: [],
    comments: [],
    categories: new Set(),
    tags: new Set(),
    parents: new Map(),
  };
  for (const item of blocks(text, 'item')) {
    const type = field(item, 'post_type');
    const status = field(item, 'status');
    if (
      !['post', 'page'].includes(type) ||
      !['publish', 'draft', 'pending', 'private', 'future', 'trash'].includes(status)
    )
      continue;
    const title = unwrap(/<title>([\s\S]*?)<\/title>/.exec(item)?.[1] ?? '');
    const content = unwrap(/<content:encoded>([\s\S]*?)<\/content:encoded>/.exec(item)?.[1] ?? '');
    out.posts.push({
      id: Number(field(item, 'post_id')),
      type,
      sticky: field(item, 'is_sticky') === '1',
      title,
      content,
    });
    for (const c of blocks(item, 'wp:comment')) {
      if (['', 'comment', 'pingback', 'trackback'].includes(field(c, 'comment_type')))
        out.comments.push({
          id: Number(field(c, 'comment_id')),
          parent: Number(field(c, 'comment_parent') || 0),
        });
    }
    for (const m of item.matchAll(/<category domain="(category|post_tag)" nicename="([^"]+)"/g))
      (m[1] === 'category' ? out.categories : out.tags).add(slugOf(m[2]!));
  }
  for (const c of blocks(text, 'wp:category')) {
    const slug = slugOf(field(c, 'category_nicename'));
    out.categories.add(slug);
    if (field(c, 'category_parent')) out.parents.set(slug, slugOf(field(c, 'category_parent')));
  }
  for (const t of blocks(text, 'wp:tag')) out.tags.add(slugOf(field(t, 'tag_slug')));
  return out;
}

// What the database holds -----------------------------------------------------------------------

async function localIds(storage: SqlStorage, source: string, kind: string): Promise<Map<number, number>> {
  const rows = await storage.db
    .selectFrom('import_map')
    .select(['source_id', 'local_id'])
    .where('source', '=', source)
    .where('kind', '=', kind)
    .execute();
  return new Map(rows.map((r) => [Number(r.source_id), r.local_id]));
}

async function checkCounts(storage: SqlStorage, report: ImportReport, file: FileFacts): Promise<void> {
  const posts = await storage.db.selectFrom('posts').select(['id', 'type', 'sticky']).execute();
  expect(posts.filter((p) => p.type === 'post')).toHaveLength(
    file.posts.filter((p) => p.type === 'post').length,
  );
  expect(posts.filter((p) => p.type === 'page')).toHaveLength(
    file.posts.filter((p) => p.type === 'page').length,
  );
  expect(posts.filter((p) => p.sticky === true || p.sticky === 1)).toHaveLength(
    file.posts.filter((p) => p.sticky).length,
  );
  const terms = await storage.db
    .selectFrom('terms')
    .select(['id', 'taxonomy', 'slug', 'parent_id'])
    .execute();
  for (const [taxonomy, slugs] of [
    ['category', file.categories],
    ['tag', file.tags],
  ] as const) {
    const ours = new Set(terms.filter((t) => t.taxonomy === taxonomy).map((t) => t.slug));
    expect(ours.size, taxonomy).toBe(slugs.size);
    // Slugs of letters, digits and dashes are kept as they were; others (a space, a bidi override) are remade.
    for (const slug of slugs) if (/^[\p{L}\p{N}_-]+$/u.test(slug)) expect(ours, taxonomy).toContain(slug);
  }
  const slugById = new Map(terms.map((t) => [t.id, t.slug]));
  for (const [slug, parent] of file.parents) {
    const term = terms.find((t) => t.taxonomy === 'category' && t.slug === slug);
    if (!term) continue;
    expect(term.parent_id === null ? '' : slugById.get(term!.parent_id!), slug).toBe(parent);
  }
  expect(await storage.comments.count()).toBe(file.comments.length);
  const comments = await localIds(storage, report.source, 'comment');
  const rows = await storage.db.selectFrom('comments').select(['id', 'parent_id']).execute();
  const parentOf = new Map(rows.map((r) => [r.id, r.parent_id]));
  for (const c of file.comments) {
    // Each reply hangs under the comment it answered in WordPress.
    expect(parentOf.get(comments.get(c.id)!), `comment ${c.id}`).toBe(
      c.parent ? comments.get(c.parent) : null,
    );
  }
}

/** Letters of every script survive: each post's title, and a passage of Arabic-script text from its body. */
async function checkText(storage: SqlStorage, report: ImportReport, file: FileFacts): Promise<void> {
  const ids = await localIds(storage, report.source, 'post');
  for (const post of file.posts) {
    const row = await storage.db
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', ids.get(post.id)!)
      .executeTakeFirstOrThrow();
    if (!/[<&]/.test(post.title)) expect(row.title).toBe(post.title.replace(/\s+/g, ' ').trim());
    const passage = /[\u0600-\u06ff\u200c]+(?: [\u0600-\u06ff\u200c]+){3,}/.exec(post.content)?.[0];
    if (passage) expect(row.html, `post ${post.id}`).toContain(passage);
  }
}

async function withSite<T>(dialect: Dialect, work: (t: TestSite) => Promise<T>): Promise<T> {
  const t = await makeTestSite(dialect);
  try {
    return await work(t);
  } finally {
    await t.close();
  }
}

describe.skipIf(Boolean(fixtures.skip)).each<Dialect>(['sqlite', 'postgres'])(
  'the WXR fixtures (%s)',
  (dialect) => {
    const skip = dialect === 'postgres' && !pg.available;
    const files = fixtures.dir ? xmlFiles(fixtures.dir) : [];

    it.skipIf(skip).each(files.map((path) => [relative(fixtures.dir!, path), path]))(
      '%s',
      async (name, path) => {
        await withSite(dialect, async (t) => {
          const storage = t.site.core.storage as SqlStorage;
          const empty = await snapshot(storage);
          const run = () => importWordpress(importDeps(t), { file: path });
          const refused = REFUSED[name];
          if (refused) {
            const error = await run().catch((e: unknown) => e);
            expect(error).toBeInstanceOf(WxrError);
            expect((error as WxrError).message).toMatch(refused);
            expect(await snapshot(storage)).toEqual(empty);
            return;
          }
          const report = await run();
          const file = facts(readFileSync(path, 'utf8'));
          // The namespace edge cases bind other prefixes to WXR's namespace and `wp:` to a foreign one:
          // counting by prefix cannot read that file, the reader's own tests do.
          if (name === 'wordpress-importer/namespace-edge-cases.xml') {
            expect(report.imported.posts).toBeGreaterThan(0);
          } else {
            expect(report.imported.posts + report.imported.pages).toBe(file.posts.length);
            await checkCounts(storage, report, file);
            await checkText(storage, report, file);
          }
          const imported = await snapshot(storage);
          const again = await run();
          expect(await snapshot(storage)).toEqual(imported);
          expect(again.imported).toMatchObject({
            posts: 0,
            pages: 0,
            authors: 0,
            categories: 0,
            tags: 0,
            aliases: 0,
          });
        });
      },
      120_000,
    );
  },
);
