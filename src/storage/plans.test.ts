import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostQuery } from '../core/posts/post.ts';
import { postgresAvailability, freshPostgresDatabase } from '../../test/support/postgres.ts';
import { DATES, NOW, newComment, newPost, newUser } from './contract/fixtures.ts';
import { openStorage, type SqlStorage } from './index.ts';

const pg = await postgresAvailability();

/** Tables that grow with the site: no reader query may read one of them whole. */
const GROWING = ['posts', 'comments', 'post_terms', 'import_map', 'aliases'];

interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * How each reader query is answered, by the database's own planner (EXPLAIN): from an index, never by
 * reading a growing table from end to end. On PostgreSQL sequential scans are switched off for the
 * check, so a plan that still has one has no index it could use.
 */
describe.each(['sqlite', 'postgres'] as const)('reader queries use indexes (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let storage: SqlStorage;
  let drop: (() => Promise<void>) | undefined;
  let recording: Statement[] | undefined;
  let postId = 0;

  beforeAll(async () => {
    if (skip) return;
    let url = ':memory:';
    if (dialect === 'postgres') {
      const database = await freshPostgresDatabase();
      if ('skip' in database) throw new Error(database.skip);
      url = database.url;
      drop = () => database.drop();
    }
    storage = await openStorage({
      databaseUrl: url,
      dataDir: '',
      migrate: true,
      onQuery: (text, parameters) => recording?.push({ sql: text, parameters }),
    });
    const user = await storage.users.create(newUser({ login: 'writer' }));
    const tag = await storage.terms.ensure({
      taxonomy: 'tag',
      slug: 'courts',
      name: 'Courts',
      parentId: null,
      description: '',
    });
    const category = await storage.terms.ensure({
      taxonomy: 'category',
      slug: 'world',
      name: 'World',
      parentId: null,
      description: '',
    });
    const ids = await storage.imports.addPosts(
      Array.from({ length: 600 }, (_, i) => ({
        post: newPost(user.id, {
          slug: `post-${i}`,
          publishedAt: new Date(DATES.mid.getTime() + i * 60_000),
        }),
        termIds: i % 2 === 0 ? [tag.id, category.id] : [category.id],
      })),
    );
    postId = ids[300]!;
    for (const id of ids.slice(0, 100)) {
      await storage.imports.addComments(
        Array.from({ length: 20 }, (_, i) => ({
          ...newComment(id, { createdAt: new Date(DATES.mid.getTime() + i * 1000) }),
          parent: null,
        })),
      );
    }
    if (dialect === 'postgres') await sql`analyze`.execute(storage.db);
  });
  afterAll(async () => {
    await storage?.close();
    await drop?.();
  });

  /** The statements `work` runs, each explained: the plan lines that read a growing table whole. */
  async function fullScans(work: () => Promise<unknown>): Promise<string[]> {
    recording = [];
    await work();
    const statements = recording;
    recording = undefined;
    expect(statements.length).toBeGreaterThan(0);
    const scans: string[] = [];
    for (const statement of statements) {
      for (const line of await explain(statement)) {
        const table = GROWING.find((t) =>
          dialect === 'sqlite'
            ? new RegExp(`^SCAN ${t}\\b`).test(line)
            : new RegExp(`Seq Scan on ${t}\\b`).test(line),
        );
        if (table) scans.push(`${line}\n  in: ${statement.sql}`);
      }
    }
    return scans;
  }

  async function explain(statement: Statement): Promise<string[]> {
    if (dialect === 'sqlite') {
      const { rows } = await storage.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${statement.sql}`, [...statement.parameters]),
      );
      return rows.map((r) => r.detail);
    }
    return storage.db.transaction().execute(async (tx) => {
      await sql`set local enable_seqscan = off`.execute(tx);
      const { rows } = await tx.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain ${statement.sql}`, [...statement.parameters]),
      );
      return rows.map((r) => r['QUERY PLAN']);
    });
  }

  const listing =
    (query: Omit<PostQuery, 'limit' | 'offset'>, offset = 0) =>
    () =>
      storage.posts.list({ ...query, limit: 10, offset }, NOW);

  const cases: [string, () => Promise<unknown>][] = [
    ['home page', listing({})],
    ['home page, page 30', listing({}, 290)],
    ['tag archive', listing({ tag: 'courts' })],
    ['category archive', listing({ category: 'world' })],
    ['author archive', listing({ authorId: 1 })],
    ['date archive', listing({ from: DATES.mid, until: NOW })],
    ['post by slug', () => storage.posts.findShown({ slug: 'post-300' })],
    ['post by id', () => storage.posts.findShown({ id: postId })],
    ['discussion', () => storage.comments.forPost(postId, [1, 2])],
    ['previous and next', () => storage.discovery.adjacent({ id: postId, publishedAt: DATES.mid }, NOW)],
    ['related posts', () => storage.discovery.related({ id: postId }, 4, NOW)],
    ['terms of a page of posts', () => storage.posts.termsOf([postId, postId + 1])],
    ['authors of a page of posts', () => storage.users.findByIds([1])],
    ['photos of a page of posts', () => storage.media.findByIds([1, 2])],
    ['site-wide comments feed', () => storage.comments.latestPublic(20, NOW)],
  ];

  for (const [name, work] of cases) {
    it.skipIf(skip)(`${name}: no full scan of a growing table`, async () => {
      expect(await fullScans(work)).toEqual([]);
    });
  }
});
