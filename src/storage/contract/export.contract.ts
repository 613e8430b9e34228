import { expect, it } from 'vitest';
import type { Storage } from '../../core/ports/storage.ts';
import { author, newComment, newPost } from './fixtures.ts';
import type { ContractContext } from './posts.contract.ts';

/** Walks a paged method to its end, as an export does, and returns everything it saw. */
async function walk<T, C>(first: C, fetch: (after: C) => Promise<T[]>, next: (item: T) => C): Promise<T[]> {
  const seen: T[] = [];
  let cursor = first;
  for (;;) {
    const page = await fetch(cursor);
    seen.push(...page);
    const last = page[page.length - 1];
    if (last === undefined) return seen;
    cursor = next(last);
  }
}

async function mediaNamed(storage: Storage, path: string) {
  return storage.media.create({ path, mime: 'image/jpeg', width: 1, height: 1, bytes: 1, variants: [] });
}

/** The listings an export walks the whole site with: every row, whatever its status, in a stable order. */
export function exportContract(ctx: ContractContext): void {
  it('walks every post and page of every status in id order, a page at a time', async () => {
    const { storage } = ctx;
    expect(await storage.posts.lastId()).toBe(0);
    expect(await storage.posts.allAfter(0, 10)).toEqual([]);
    const user = await author(storage);
    const statuses = ['draft', 'published', 'scheduled', 'private', 'trash'] as const;
    const created = [];
    for (const [i, status] of statuses.entries()) {
      created.push(await storage.posts.create(newPost(user.id, { status, type: i % 2 ? 'page' : 'post' })));
    }
    const seen = await walk(
      0,
      (after) => storage.posts.allAfter(after, 2),
      (p) => p.id,
    );
    expect(seen).toEqual(created);
    expect(await storage.posts.lastId()).toBe(created[created.length - 1]!.id);
    expect(await storage.posts.allAfter(created[1]!.id, 1)).toEqual([created[2]]);
  });

  it('walks every comment of every status by post, then id, up to a last post', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const first = await storage.posts.create(newPost(user.id));
    const second = await storage.posts.create(newPost(user.id));
    const third = await storage.posts.create(newPost(user.id));
    // Written out of post order, so id order alone would interleave the posts.
    const a = await storage.comments.create(newComment(second.id, { status: 'spam' }));
    const b = await storage.comments.create(newComment(first.id, { status: 'pending' }));
    const c = await storage.comments.create(newComment(second.id, { parentId: a.id, status: 'trash' }));
    const d = await storage.comments.create(newComment(first.id, { kind: 'pingback' }));
    await storage.comments.create(newComment(third.id));
    const seen = await walk(
      { postId: 0, id: 0 },
      (after) => storage.comments.allAfter(after, second.id, 3),
      (comment) => ({ postId: comment.postId, id: comment.id }),
    );
    expect(seen).toEqual([b, d, a, c]);
  });

  it('walks every media record in id order', async () => {
    const { storage } = ctx;
    const made = [
      await mediaNamed(storage, '2024/03/б.jpg'),
      await mediaNamed(storage, '2024/03/a.jpg'),
      await mediaNamed(storage, '2024/04/c.jpg'),
    ];
    const seen = await walk(
      0,
      (after) => storage.media.allAfter(after, 2),
      (m) => m.id,
    );
    expect(seen).toEqual(made);
  });

  it('walks every alias by post, then path', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const first = await storage.posts.create(newPost(user.id));
    const second = await storage.posts.create(newPost(user.id));
    await storage.aliases.put('/2020/01/02/z/', first.id);
    await storage.aliases.put('/?p=7', second.id);
    await storage.aliases.put('/2019/12/31/старое/', first.id);
    await storage.aliases.put('/2020/01/02/a/', first.id);
    const seen = await walk(
      { postId: 0, path: '' },
      (after) => storage.aliases.allAfter(after, 2),
      (alias) => alias,
    );
    expect(seen.map((x) => x.postId)).toEqual([first.id, first.id, first.id, second.id]);
    const firstPaths = seen.filter((x) => x.postId === first.id).map((x) => x.path);
    expect(new Set(firstPaths)).toEqual(new Set(['/2020/01/02/z/', '/2019/12/31/старое/', '/2020/01/02/a/']));
    expect(seen[3]).toEqual({ path: '/?p=7', postId: second.id });
  });
}
