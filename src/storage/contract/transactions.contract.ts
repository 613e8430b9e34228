import { expect, it } from 'vitest';
import { ConflictError } from '../../core/ports/storage.ts';
import { postState } from '../../core/events/events.ts';
import type { Post } from '../../core/posts/post.ts';
import { author, newComment, newPost } from './fixtures.ts';
import type { ContractContext } from './posts.contract.ts';

const created = (post: Post) =>
  ({ type: 'post.created', postId: post.id, after: postState(post, [], new Date()) }) as const;

export function transactionContract(ctx: ContractContext): void {
  it('writes everything a transaction did and returns its value', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const id = await storage.transaction(async (tx) => {
      const post = await tx.posts.create(newPost(user.id));
      await tx.comments.create(newComment(post.id));
      await tx.outbox.add(created(post));
      // Reads inside see the transaction's own writes.
      expect(await tx.posts.findById(post.id)).toBeDefined();
      return post.id;
    });
    expect(await storage.posts.findById(id)).toBeDefined();
    expect(await storage.comments.count()).toBe(1);
    expect(await storage.outbox.undispatched(10)).toHaveLength(1);
  });

  it('leaves nothing written when the work throws', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const failure = new Error('crash after writing');
    const run = storage.transaction(async (tx) => {
      const post = await tx.posts.create(newPost(user.id, { slug: 'ghost' }));
      await tx.comments.create(newComment(post.id));
      const tag = await tx.terms.ensure({
        taxonomy: 'tag',
        slug: 'ghost',
        name: 'Ghost',
        parentId: null,
        description: '',
      });
      await tx.posts.setTerms(post.id, [tag.id]);
      await tx.settings.set('title', 'half-written');
      await tx.outbox.add(created(post));
      throw failure;
    });
    await expect(run).rejects.toBe(failure);
    expect(await storage.posts.count()).toBe(0);
    expect(await storage.posts.findBySlug('ghost')).toBeUndefined();
    expect(await storage.comments.count()).toBe(0);
    expect(await storage.terms.list('tag')).toEqual([]);
    expect(await storage.settings.all()).toEqual({});
    expect(await storage.outbox.undispatched(10)).toEqual([]);
    // The storage is still usable afterwards.
    await storage.posts.create(newPost(user.id, { slug: 'ghost' }));
    expect(await storage.posts.count()).toBe(1);
  });

  it('lets work catch a slug conflict and carry on in the same transaction', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    await storage.posts.create(newPost(user.id, { slug: 'taken' }));
    const slug = await storage.transaction(async (tx) => {
      try {
        await tx.posts.create(newPost(user.id, { slug: 'taken' }));
        return 'unexpected';
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        const post = await tx.posts.create(newPost(user.id, { slug: 'taken-2' }));
        await tx.outbox.add(created(post));
        return post.slug;
      }
    });
    expect(slug).toBe('taken-2');
    expect(await storage.posts.findBySlug('taken-2')).toBeDefined();
    expect(await storage.outbox.undispatched(10)).toHaveLength(1);
  });

  it('runs multi-step writes (delete with re-parenting, setTerms) inside a transaction and rolls them back', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const post = await storage.posts.create(newPost(user.id));
    const root = await storage.comments.create(newComment(post.id));
    const reply = await storage.comments.create(newComment(post.id, { parentId: root.id }));
    const tag = await storage.terms.ensure({
      taxonomy: 'tag',
      slug: 't',
      name: 'T',
      parentId: null,
      description: '',
    });
    await storage.posts.setTerms(post.id, [tag.id]);

    await expect(
      storage.transaction(async (tx) => {
        expect(await tx.comments.delete(root.id)).toBe(true);
        await tx.posts.setTerms(post.id, []);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await storage.comments.findById(reply.id))?.parentId).toBe(root.id);
    expect((await storage.posts.termsOf([post.id])).get(post.id)).toHaveLength(1);

    await storage.transaction(async (tx) => {
      await tx.comments.delete(root.id);
    });
    expect(await storage.comments.findById(root.id)).toBeUndefined();
    expect((await storage.comments.findById(reply.id))?.parentId).toBeNull();
  });
}
