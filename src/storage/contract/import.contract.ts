import { expect, it } from 'vitest';
import type { ImportedComment, ImportRecord } from '../../core/ports/storage.ts';
import { author, minutesAfter, newComment, newPost, TEXT } from './fixtures.ts';
import type { ContractContext } from './posts.contract.ts';

const SITE = 'https://old.example.org';

/** What an import needs of storage: HTML posts, and the record of what came from where. */
export function importContract(ctx: ContractContext): void {
  it('keeps a post’s format, Markdown unless it says HTML', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const { format: _omitted, ...withoutFormat } = newPost(user.id);
    const plain = await storage.posts.create(withoutFormat);
    const imported = await storage.posts.create(
      newPost(user.id, { format: 'html', source: '<p>Привет</p>', html: '<p>Привет</p>' }),
    );
    expect(plain.format).toBe('markdown');
    expect((await storage.posts.findById(imported.id))?.format).toBe('html');
    const updated = await storage.posts.update(imported.id, { ...newPost(user.id), slug: imported.slug });
    expect(updated.format).toBe('markdown');
  });

  it('records where rows came from, keeps the first record, and finds them by source and kind', async () => {
    const { storage } = ctx;
    await storage.imports.record(SITE, [
      { kind: 'post', sourceId: '12', localId: 3 },
      { kind: 'author', sourceId: 'Дана', localId: 1 },
    ]);
    await storage.imports.record(SITE, [{ kind: 'post', sourceId: '12', localId: 99 }]);
    await storage.imports.record('https://other.example', [{ kind: 'post', sourceId: '12', localId: 7 }]);
    expect(await storage.imports.find(SITE, 'post', '12')).toBe(3);
    expect(await storage.imports.find(SITE, 'author', 'Дана')).toBe(1);
    expect(await storage.imports.find(SITE, 'comment', '12')).toBeUndefined();
    expect(await storage.imports.find('https://third.example', 'post', '12')).toBeUndefined();
    expect(await storage.imports.all(SITE, 'post')).toEqual(new Map([['12', 3]]));
    expect(await storage.imports.findPost('12')).toBe(3);
    expect(await storage.imports.findPost('13')).toBeUndefined();
  });

  it('records any number of rows at once (in batches of a few fixed sizes)', async () => {
    const { storage } = ctx;
    for (const count of [1, 99, 100, 101, 250]) {
      const records: ImportRecord[] = Array.from({ length: count }, (_, i) => ({
        kind: 'term',
        sourceId: `${count}/${i}`,
        localId: i + 1,
      }));
      await storage.imports.record(SITE, records);
    }
    expect((await storage.imports.all(SITE, 'term')).size).toBe(1 + 99 + 100 + 101 + 250);
    expect(await storage.imports.find(SITE, 'term', '250/249')).toBe(250);
  });

  it('lists the recorded comments of one post only', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const [a, b] = [
      await storage.posts.create(newPost(user.id)),
      await storage.posts.create(newPost(user.id)),
    ];
    const ca = await storage.comments.create(newComment(a.id));
    const cb = await storage.comments.create(newComment(b.id));
    await storage.comments.create(newComment(a.id));
    await storage.imports.record(SITE, [
      { kind: 'comment', sourceId: '5', localId: ca.id },
      { kind: 'comment', sourceId: '6', localId: cb.id },
    ]);
    expect(await storage.imports.commentsOf(SITE, a.id)).toEqual(new Map([['5', ca.id]]));
    expect(await storage.imports.commentsOf('https://other.example', a.id)).toEqual(new Map());
  });

  it('writes comments in bulk, each reply under a parent stored before or written with it', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const post = await storage.posts.create(newPost(user.id));
    const kept = await storage.comments.create(newComment(post.id));
    const gone = await storage.comments.create(newComment(post.id));
    await storage.comments.delete(gone.id);
    const { parentId: _unused, ...fields } = newComment(post.id, {
      source: TEXT.arabic,
      html: `<p>${TEXT.kazakh}</p>`,
    });
    const comments: ImportedComment[] = Array.from({ length: 40 }, (_, i) => ({
      ...fields,
      authorName: `${TEXT.russian} ${i}`,
      createdAt: minutesAfter(i),
      parent: i === 0 ? null : i === 1 ? { id: kept.id } : { index: i - 1 },
    }));
    const ids = await storage.transaction((tx) => tx.imports.addComments(comments));
    expect(ids).toHaveLength(40);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    // A deleted comment's id (a public #comment-ID) is never given again.
    expect(ids[0]).toBeGreaterThan(gone.id);
    const stored = await Promise.all(ids.map((id) => storage.comments.findById(id)));
    expect(stored.map((c) => c?.parentId)).toEqual([null, kept.id, ...ids.slice(1, -1)]);
    expect(stored[5]).toEqual({
      ...fields,
      authorName: `${TEXT.russian} 5`,
      createdAt: minutesAfter(5),
      id: ids[5],
      parentId: ids[4],
    });
    expect((await storage.comments.create(newComment(post.id))).id).toBeGreaterThan(ids.at(-1)!);
    expect(await storage.imports.addComments([])).toEqual([]);
    await expect(storage.imports.addComments([{ ...fields, parent: { index: 0 } }])).rejects.toThrow();
  });

  it('writes records with the rows in one transaction: all or nothing', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const failing = storage.transaction(async (tx) => {
      const post = await tx.posts.create(newPost(user.id, { slug: 'half' }));
      await tx.imports.record(SITE, [{ kind: 'post', sourceId: '77', localId: post.id }]);
      throw new Error('killed');
    });
    await expect(failing).rejects.toThrow('killed');
    expect(await storage.imports.find(SITE, 'post', '77')).toBeUndefined();
    expect(await storage.posts.findBySlug('half')).toBeUndefined();
  });
}
