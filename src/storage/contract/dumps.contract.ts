import { expect, it } from 'vitest';
import {
  BackupFailed,
  type BackupFailure,
  type DumpRow,
  type IncomingDump,
  type SiteDump,
} from '../../core/ports/dump.ts';
import type { Storage } from '../../core/ports/storage.ts';
import { author, DATES, newComment, newPost, newUser, TEXT } from './fixtures.ts';
import type { ContractContext } from './posts.contract.ts';

/** A contract context that can also start over on an empty storage (the target of a restore). */
export interface DumpContractContext extends ContractContext {
  /** Closes the current storage and opens an empty, migrated one in its place. */
  fresh(): Promise<Storage>;
}

export interface HeldDump {
  schema: string[];
  tables: SiteDump['tables'];
  counters: Record<string, number>;
  rows: Record<string, DumpRow[]>;
}

/** The whole dump, read into memory (tests only: a real backup streams it). */
export async function hold(storage: Storage): Promise<HeldDump> {
  return storage.dumps.read(async (dump) => {
    const rows: Record<string, DumpRow[]> = {};
    for (const table of dump.tables) {
      rows[table.name] = [];
      for await (const batch of dump.rows(table.name)) rows[table.name]!.push(...batch);
    }
    return { schema: dump.schema, tables: dump.tables, counters: dump.counters, rows };
  });
}

function incoming(held: HeldDump, finish: () => Promise<void> = async () => {}): IncomingDump {
  return {
    schema: held.schema,
    tables: held.tables,
    counters: held.counters,
    async *rows(table) {
      const rows = held.rows[table] ?? [];
      // In small batches, so a table spans several (as a large one does).
      for (let i = 0; i < rows.length; i += 2) yield rows.slice(i, i + 2);
    },
    finish,
  };
}

async function refusal(work: Promise<unknown>): Promise<BackupFailure> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupFailed);
  return (error as BackupFailed).failure;
}

async function site(storage: Storage) {
  const user = await author(storage);
  const media = await storage.media.create({
    path: 'photos/степь.jpg',
    mime: 'image/jpeg',
    width: 10,
    height: 5,
    bytes: 99,
    variants: [{ path: 'photos/степь-480.webp', width: 480, height: 240, mime: 'image/webp' }],
  });
  const post = await storage.posts.create(
    newPost(user.id, {
      title: TEXT.kazakh,
      sticky: true,
      publishedAt: DATES.early,
      image: { mediaId: media.id, alt: TEXT.arabic, caption: '', credit: TEXT.emoji },
    }),
  );
  const page = await storage.posts.create(newPost(user.id, { type: 'page', status: 'draft' }));
  const world = await storage.terms.ensure({
    taxonomy: 'category',
    slug: 'world',
    name: 'World',
    parentId: null,
    description: '',
  });
  const asia = await storage.terms.ensure({
    taxonomy: 'category',
    slug: 'азия',
    name: 'Азия',
    parentId: world.id,
    description: '',
  });
  await storage.posts.setTerms(post.id, [asia.id]);
  const root = await storage.comments.create(newComment(post.id, { notifyReplies: true, notifyPosts: true }));
  const reply = await storage.comments.create(newComment(post.id, { parentId: root.id, status: 'pending' }));
  await storage.comments.create(newComment(post.id, { parentId: reply.id, status: 'spam' }));
  const gone = await storage.comments.create(newComment(page.id));
  await storage.comments.delete(gone.id);
  await storage.settings.set('title', TEXT.russian);
  await storage.aliases.put('/2024/03/05/old/', post.id);
  await storage.imports.record('https://old.example', [{ kind: 'post', sourceId: '12', localId: post.id }]);
  await storage.outbox.add({ type: 'settings.changed', keys: ['title'] });
  await storage.jobs.enqueue({ type: 'mail', payload: { to: 'a@example.org' } }, DATES.mid);
  return { post, root, gone };
}

/** A consistent copy of the whole site as rows, and the same rows written into an empty database. */
export function dumpContract(ctx: DumpContractContext): void {
  it('reads an empty site as its schema and its tables, with no rows and counters at 0', async () => {
    const held = await hold(ctx.storage);
    expect(held.schema.length).toBeGreaterThan(0);
    expect(held.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['posts', 'comments', 'settings']));
    expect(Object.values(held.rows).flat()).toEqual([]);
    expect(Object.values(held.counters).every((n) => n === 0)).toBe(true);
    expect(await ctx.storage.dumps.holds()).toEqual({});
  });

  it('reads a table past one batch by its whole key, every row once, in key order', async () => {
    const records = (kind: 'post' | 'comment') =>
      Array.from({ length: 350 }, (_, i) => ({ kind, sourceId: `${kind}-${i}`, localId: i + 1 }));
    for (const source of ['https://б.example', 'https://a.example']) {
      await ctx.storage.imports.record(source, [...records('post'), ...records('comment')]);
    }
    const held = await hold(ctx.storage);
    const keys = held.rows.import_map!.map((r) => `${r.source} ${r.kind} ${r.source_id}`);
    expect(keys).toHaveLength(1400);
    expect(new Set(keys).size).toBe(1400);
    // Each source's rows together, and each kind's within it: the order of the key, as the database sorts it.
    const runs = keys.map((k) => k.split(' ').slice(0, 2).join(' ')).filter((k, i, all) => k !== all[i - 1]);
    expect(runs).toHaveLength(4);
  });

  it('writes a dump into an empty database that then reads back as the same dump', async () => {
    await site(ctx.storage);
    const before = await hold(ctx.storage);
    expect(before.rows.comments).toHaveLength(3);
    const target = await ctx.fresh();
    await target.dumps.write(incoming(before));
    expect(await hold(target)).toEqual(before);
  });

  it('writes values the repositories read back as they were written', async () => {
    const { post, root } = await site(ctx.storage);
    const posts = await ctx.storage.posts.allAfter(0, 10);
    const comments = await ctx.storage.comments.allAfter({ postId: 0, id: 0 }, post.id + 1, 10);
    const settings = await ctx.storage.settings.all();
    const held = await hold(ctx.storage);
    const target = await ctx.fresh();
    await target.dumps.write(incoming(held));
    expect(await target.posts.allAfter(0, 10)).toEqual(posts);
    expect(await target.comments.allAfter({ postId: 0, id: 0 }, post.id + 1, 10)).toEqual(comments);
    expect(await target.comments.findById(root.id)).toMatchObject({ notifyReplies: true, notifyPosts: true });
    expect(await target.settings.all()).toEqual(settings);
    expect(await target.aliases.find('/2024/03/05/old/')).toBe(post.id);
    expect(await target.imports.findPost('12')).toBe(post.id);
    // The search index is rebuilt from the posts as they are written.
    expect(
      (await target.search.posts({ text: 'Әділет', limit: 5, offset: 0 }, DATES.mid)).items,
    ).toHaveLength(1);
  });

  it("keeps each table's counter: a deleted comment's id is never handed out again", async () => {
    const { post, gone } = await site(ctx.storage);
    const held = await hold(ctx.storage);
    expect(held.counters.comments).toBe(gone.id);
    const target = await ctx.fresh();
    await target.dumps.write(incoming(held));
    const next = await target.comments.create(newComment(post.id));
    expect(next.id).toBe(gone.id + 1);
    const user = await target.users.create(newUser());
    expect(user.id).toBe(held.counters.users! + 1);
  });

  it('writes a row whose parent comes later in the table (a category made before its parent)', async () => {
    await site(ctx.storage);
    const held = await hold(ctx.storage);
    const [world, asia] = held.rows.terms! as [DumpRow, DumpRow];
    const [low, high] = [world.id as number, asia.id as number];
    // Swap: the child now has the lower id, its parent the higher.
    held.rows.terms = [
      { ...asia, id: low, parent_id: high },
      { ...world, id: high },
    ];
    held.rows.post_terms = held.rows.post_terms!.map((r) => ({ ...r, term_id: low }));
    const target = await ctx.fresh();
    await target.dumps.write(incoming(held));
    const child = await target.terms.findBySlug('category', 'азия');
    expect(child).toMatchObject({ id: low, parentId: high });
  });

  it('refuses a database that holds anything, and writes nothing', async () => {
    const held = await hold(ctx.storage);
    const user = await author(ctx.storage);
    await ctx.storage.posts.create(newPost(user.id));
    expect(await ctx.storage.dumps.holds()).toEqual({ users: 1, posts: 1 });
    const failure = await refusal(ctx.storage.dumps.write(incoming(held)));
    expect(failure).toEqual({ type: 'restore-not-empty', holds: { users: 1, posts: 1 } });
    expect(await ctx.storage.posts.count()).toBe(1);
  });

  it('counts a site with only what opening it wrote (its secret, that event) as empty, and replaces it', async () => {
    await site(ctx.storage);
    const held = await hold(ctx.storage);
    const target = await ctx.fresh();
    await target.settings.set('_secret', 'x'.repeat(43));
    await target.outbox.add({ type: 'settings.changed', keys: ['_secret'] });
    expect(await target.dumps.holds()).toEqual({});
    await target.dumps.write(incoming(held));
    expect(await target.settings.all()).toEqual({ title: TEXT.russian });
  });

  it('refuses a dump from a newer schema before writing anything', async () => {
    await site(ctx.storage);
    const held = await hold(ctx.storage);
    const target = await ctx.fresh();
    const failure = await refusal(
      target.dumps.write(incoming({ ...held, schema: [...held.schema, '9999_future'] })),
    );
    expect(failure).toEqual({ type: 'backup-newer-schema', migration: '9999_future' });
    expect(await target.dumps.holds()).toEqual({});
  });

  it('refuses rows that do not fit their columns, and keeps nothing of what came before them', async () => {
    await site(ctx.storage);
    const held = await hold(ctx.storage);
    held.rows.comments![1] = { ...held.rows.comments![1]!, created_at: 'yesterday' };
    const target = await ctx.fresh();
    const failure = await refusal(target.dumps.write(incoming(held)));
    expect(failure).toEqual({
      type: 'backup-unreadable',
      reason: 'comments row 2: created_at is not a timestamp',
    });
    expect(await target.dumps.holds()).toEqual({});
    expect(await target.posts.count()).toBe(0);
  });

  it('keeps nothing when the dump fails after its last row (its end missing)', async () => {
    await site(ctx.storage);
    const held = await hold(ctx.storage);
    const target = await ctx.fresh();
    const cut = new BackupFailed({ type: 'backup-unreadable', reason: 'truncated' });
    await expect(
      target.dumps.write(
        incoming(held, async () => {
          throw cut;
        }),
      ),
    ).rejects.toBe(cut);
    expect(await target.dumps.holds()).toEqual({});
    // And the same dump goes in whole afterwards.
    await target.dumps.write(incoming(held));
    expect(await target.comments.count()).toBe(3);
  });
}
