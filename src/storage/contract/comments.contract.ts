import { expect, it } from 'vitest';
import type { NewComment } from '../../core/comments/comment.ts';
import { author, DATES, minutesAfter, newComment, newPost, TEXT } from './fixtures.ts';
import type { ContractContext } from './posts.contract.ts';

export function commentContract(ctx: ContractContext): void {
  const postWithAuthor = async (slug?: string) => {
    const user = await author(ctx.storage);
    return ctx.storage.posts.create(newPost(user.id, slug ? { slug } : {}));
  };

  it('round-trips every comment field, unicode and milliseconds included', async () => {
    const { storage } = ctx;
    const post = await postWithAuthor();
    const parent = await storage.comments.create(newComment(post.id));
    const fields: NewComment = {
      postId: post.id,
      parentId: parent.id,
      kind: 'comment',
      status: 'pending',
      authorName: `${TEXT.kazakh} ${TEXT.emoji}`,
      authorEmail: 'Ғалым@Мысал.қаз',
      authorUrl: 'https://example.kz/әдебиет',
      identityId: 42,
      source: `${TEXT.russian}\n\n${TEXT.arabic}`,
      html: `<p>${TEXT.russian}</p><p dir="rtl">${TEXT.arabic}</p>`,
      ipHash: 'f'.repeat(64),
      notifyReplies: true,
      notifyPosts: false,
      heldReason: '2 links',
      createdAt: DATES.late,
    };
    const created = await storage.comments.create(fields);
    expect(created).toEqual({ ...fields, id: created.id });
    expect(await storage.comments.findById(created.id)).toEqual(created);
    expect((await storage.comments.findById(created.id))?.createdAt.toISOString()).toBe(
      '2024-03-05T07:08:09.124Z',
    );

    const flipped = await storage.comments.create(
      newComment(post.id, { notifyReplies: false, notifyPosts: true }),
    );
    expect(await storage.comments.findById(flipped.id)).toMatchObject({
      notifyReplies: false,
      notifyPosts: true,
      identityId: null,
    });
    expect(await storage.comments.findById(999_999)).toBeUndefined();
  });

  it('rejects a comment on a post that does not exist (foreign keys are enforced)', async () => {
    await expect(ctx.storage.comments.create(newComment(999_999))).rejects.toThrow();
    expect(await ctx.storage.comments.count()).toBe(0);
  });

  it("gives a post's discussion in order: approved ones plus the reader's own held ones of that post", async () => {
    const { storage } = ctx;
    const post = await postWithAuthor('here');
    const elsewhere = await postWithAuthor('elsewhere');
    const c = (minutes: number, extra: Partial<NewComment> = {}) =>
      storage.comments.create(newComment(post.id, { createdAt: minutesAfter(minutes), ...extra }));
    const late = await c(5);
    const early = await c(1);
    const tieA = await c(3);
    const tieB = await c(3);
    const mine = await c(4, { status: 'pending' });
    const someoneElses = await c(4, { status: 'pending' });
    const spam = await c(2, { status: 'spam' });
    const otherPostHeld = await storage.comments.create(newComment(elsewhere.id, { status: 'pending' }));
    await storage.comments.create(newComment(elsewhere.id));

    const ids = async (also: number[]) => (await storage.comments.forPost(post.id, also)).map((x) => x.id);
    expect(await ids([])).toEqual([early.id, tieA.id, tieB.id, late.id]);
    expect(await ids([mine.id, otherPostHeld.id])).toEqual([early.id, tieA.id, tieB.id, mine.id, late.id]);
    expect(await ids([spam.id])).toEqual([early.id, spam.id, tieA.id, tieB.id, late.id]);
    expect(await ids([early.id])).toEqual([early.id, tieA.id, tieB.id, late.id]);
    expect(await ids([])).not.toContain(someoneElses.id);
  });

  it('lists comments newest first with their post, filtered by status and post, with a total', async () => {
    const { storage } = ctx;
    const first = await postWithAuthor('первый');
    const second = await postWithAuthor('second');
    await storage.posts.update(first.id, { ...first, title: TEXT.russian });
    const made = [];
    for (const [i, [postId, status]] of (
      [
        [first.id, 'approved'],
        [first.id, 'pending'],
        [second.id, 'pending'],
        [second.id, 'spam'],
        [first.id, 'pending'],
      ] as const
    ).entries()) {
      made.push(await storage.comments.create(newComment(postId, { status, createdAt: minutesAfter(i) })));
    }
    const all = await storage.comments.list({ limit: 10, offset: 0 });
    expect(all.total).toBe(5);
    expect(all.items.map((x) => x.id)).toEqual(made.map((x) => x.id).reverse());
    expect(all.items[0]).toMatchObject({ postTitle: TEXT.russian, postSlug: 'первый', status: 'pending' });

    const queue = await storage.comments.list({ statuses: ['pending'], limit: 2, offset: 0 });
    expect(queue.total).toBe(3);
    expect(queue.items.map((x) => x.id)).toEqual([made[4]!.id, made[2]!.id]);
    const rest = await storage.comments.list({ statuses: ['pending'], limit: 2, offset: 2 });
    expect(rest.items.map((x) => x.id)).toEqual([made[1]!.id]);

    const onFirst = await storage.comments.list({
      postId: first.id,
      statuses: ['approved', 'pending'],
      limit: 10,
      offset: 0,
    });
    expect(onFirst.items.map((x) => x.id)).toEqual([made[4]!.id, made[1]!.id, made[0]!.id]);
    expect(await storage.comments.list({ statuses: [], limit: 10, offset: 0 })).toEqual({
      items: [],
      total: 0,
    });
  });

  it('sets a status and says whether the comment existed', async () => {
    const { storage } = ctx;
    const post = await postWithAuthor();
    const comment = await storage.comments.create(newComment(post.id, { status: 'pending' }));
    expect(await storage.comments.setStatus(comment.id, 'approved')).toBe(true);
    expect((await storage.comments.findById(comment.id))?.status).toBe('approved');
    expect(await storage.comments.setStatus(999_999, 'spam')).toBe(false);
  });

  it("replaces a comment's text and says whether the comment existed", async () => {
    const { storage } = ctx;
    const post = await postWithAuthor();
    const comment = await storage.comments.create(newComment(post.id));
    expect(
      await storage.comments.setText(comment.id, 'Түзетілген *мәтін*', '<p>Түзетілген <em>мәтін</em></p>'),
    ).toBe(true);
    expect(await storage.comments.findById(comment.id)).toEqual({
      ...comment,
      source: 'Түзетілген *мәтін*',
      html: '<p>Түзетілген <em>мәтін</em></p>',
    });
    expect(await storage.comments.setText(999_999, 'x', '<p>x</p>')).toBe(false);
  });

  it('deletes a comment and moves its replies up to its parent', async () => {
    const { storage } = ctx;
    const post = await postWithAuthor();
    const root = await storage.comments.create(newComment(post.id));
    const middle = await storage.comments.create(newComment(post.id, { parentId: root.id }));
    const leafA = await storage.comments.create(newComment(post.id, { parentId: middle.id }));
    const leafB = await storage.comments.create(newComment(post.id, { parentId: middle.id }));
    const unrelated = await storage.comments.create(newComment(post.id, { parentId: root.id }));

    expect(await storage.comments.delete(middle.id)).toBe(true);
    expect(await storage.comments.findById(middle.id)).toBeUndefined();
    expect((await storage.comments.findById(leafA.id))?.parentId).toBe(root.id);
    expect((await storage.comments.findById(leafB.id))?.parentId).toBe(root.id);
    expect((await storage.comments.findById(unrelated.id))?.parentId).toBe(root.id);

    expect(await storage.comments.delete(root.id)).toBe(true);
    expect((await storage.comments.findById(leafA.id))?.parentId).toBeNull();
    expect((await storage.comments.findById(unrelated.id))?.parentId).toBeNull();
    expect(await storage.comments.delete(root.id)).toBe(false);
    expect(await storage.comments.count()).toBe(3);
  });

  it('knows an email that has an approved comment, whatever its letter case', async () => {
    const { storage } = ctx;
    const post = await postWithAuthor();
    await storage.comments.create(
      newComment(post.id, { authorEmail: 'Әлия@Example.KZ', status: 'approved' }),
    );
    await storage.comments.create(
      newComment(post.id, { authorEmail: 'held@example.org', status: 'pending' }),
    );
    await storage.comments.create(newComment(post.id, { authorEmail: 'spam@example.org', status: 'spam' }));
    expect(await storage.comments.hasApprovedFromEmail('әлия@example.kz')).toBe(true);
    expect(await storage.comments.hasApprovedFromEmail('ӘЛИЯ@EXAMPLE.KZ')).toBe(true);
    expect(await storage.comments.hasApprovedFromEmail('held@example.org')).toBe(false);
    expect(await storage.comments.hasApprovedFromEmail('SPAM@example.org')).toBe(false);
    expect(await storage.comments.hasApprovedFromEmail('nobody@example.org')).toBe(false);
  });

  it('finds a repeat: same text, same post, same email or IP hash, recent, not trashed', async () => {
    const { storage } = ctx;
    const post = await postWithAuthor('repeat');
    const other = await postWithAuthor('other');
    const said = `${TEXT.kazakh}\nСәлем`;
    const first = await storage.comments.create(
      newComment(post.id, { source: said, authorEmail: 'Ә@Мысал.қаз', ipHash: 'ip-1', status: 'pending' }),
    );
    const ask = (extra: Partial<Parameters<typeof storage.comments.findRepeat>[0]> = {}) =>
      storage.comments.findRepeat({
        postId: post.id,
        source: said,
        email: 'ә@мысал.қаз',
        ipHash: 'ip-2',
        since: minutesAfter(-60),
        ...extra,
      });
    expect(await ask()).toBe(first.id);
    expect(await ask({ email: 'someone@else.org', ipHash: 'ip-1' })).toBe(first.id);
    expect(await ask({ email: '', ipHash: 'ip-1' })).toBe(first.id);
    expect(await ask({ email: 'someone@else.org' })).toBeUndefined();
    expect(await ask({ email: '', ipHash: '' })).toBeUndefined();
    expect(await ask({ source: `${said} ` })).toBeUndefined();
    expect(await ask({ postId: other.id })).toBeUndefined();
    expect(await ask({ since: minutesAfter(1) })).toBeUndefined();
    await storage.comments.setStatus(first.id, 'trash');
    expect(await ask()).toBeUndefined();
  });

  it('counts every comment whatever its status', async () => {
    const { storage } = ctx;
    const post = await postWithAuthor();
    expect(await storage.comments.count()).toBe(0);
    await storage.comments.create(newComment(post.id, { status: 'spam' }));
    await storage.comments.create(newComment(post.id));
    expect(await storage.comments.count()).toBe(2);
  });
}
