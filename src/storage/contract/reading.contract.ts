import { expect, it } from 'vitest';
import { RELATED_CANDIDATES } from '../../core/ports/storage.ts';
import { DATES, NOW, minutesAfter, newComment, newPost, newUser } from './fixtures.ts';
import type { ContractContext } from './posts.contract.ts';

/** The batched and narrowed reads reader pages are made of (docs/adr/0017). */
export function readingContract(ctx: ContractContext): void {
  it('finds a post as readers are shown it, by slug or id, without its Markdown source', async () => {
    const { storage } = ctx;
    const user = await storage.users.create(newUser());
    const post = await storage.posts.create(
      newPost(user.id, { slug: 'выборы', source: '# Secret draft notes' }),
    );
    const { source, ...shown } = post;
    expect(source).toBe('# Secret draft notes');
    expect(await storage.posts.findShown({ slug: 'выборы' })).toEqual(shown);
    expect(await storage.posts.findShown({ id: post.id })).toEqual(shown);
    expect(await storage.posts.findShown({ slug: 'missing' })).toBeUndefined();
    expect(await storage.posts.findShown({ id: post.id + 1000 })).toBeUndefined();
  });

  it('finds several users and media records at once, skipping ids that do not exist', async () => {
    const { storage } = ctx;
    const [a, b] = [await storage.users.create(newUser()), await storage.users.create(newUser())];
    const users = await storage.users.findByIds([b.id, a.id, a.id, 9999]);
    expect(users.sort((x, y) => x.id - y.id)).toEqual([a, b]);
    expect(await storage.users.findByIds([])).toEqual([]);
    const photo = await storage.media.create({
      path: '2026/03/площадь.jpg',
      mime: 'image/jpeg',
      width: 10,
      height: 10,
      bytes: 1,
      variants: [],
    });
    expect(await storage.media.findByIds([photo.id, 9999])).toEqual([photo]);
    expect(await storage.media.findByIds([])).toEqual([]);
  });

  it('shows a discussion without the source, IP hash or moderation note, in the order written', async () => {
    const { storage } = ctx;
    const user = await storage.users.create(newUser());
    const post = await storage.posts.create(newPost(user.id));
    const later = await storage.comments.create(newComment(post.id, { createdAt: minutesAfter(2) }));
    const earlier = await storage.comments.create(newComment(post.id, { createdAt: minutesAfter(1) }));
    const held = await storage.comments.create(
      newComment(post.id, { status: 'pending', heldReason: '2 links' }),
    );
    const shown = await storage.comments.forPost(post.id, [held.id]);
    expect(shown.map((c) => c.id)).toEqual([held.id, earlier.id, later.id]);
    expect(Object.keys(shown[0]!).sort()).toEqual(
      [
        'authorEmail',
        'authorName',
        'authorUrl',
        'createdAt',
        'html',
        'id',
        'kind',
        'parentId',
        'postId',
        'status',
      ].sort(),
    );
  });

  it('gives the newest approved comments under public posts with their posts, in one answer', async () => {
    const { storage } = ctx;
    const user = await storage.users.create(newUser());
    const open = await storage.posts.create(newPost(user.id, { slug: 'open', title: 'Open' }));
    const hidden = await storage.posts.create(newPost(user.id, { slug: 'hidden', status: 'private' }));
    const future = await storage.posts.create(
      newPost(user.id, { slug: 'future', publishedAt: new Date(NOW.getTime() + 60_000) }),
    );
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await storage.comments.create(newComment(open.id, { createdAt: minutesAfter(i) }))).id);
    await storage.comments.create(newComment(open.id, { status: 'pending', createdAt: minutesAfter(10) }));
    await storage.comments.create(newComment(open.id, { kind: 'pingback', createdAt: minutesAfter(11) }));
    await storage.comments.create(newComment(hidden.id, { createdAt: minutesAfter(12) }));
    await storage.comments.create(newComment(future.id, { createdAt: minutesAfter(13) }));

    const latest = await storage.comments.latestPublic(3, NOW);
    expect(latest.map((e) => e.comment.id)).toEqual([ids[4], ids[3], ids[2]]);
    expect(latest[0]!.post).toEqual({
      id: open.id,
      type: 'post',
      slug: 'open',
      title: 'Open',
      publishedAt: DATES.mid,
    });
    expect(latest[0]!.comment).not.toHaveProperty('source');
    expect(await storage.comments.latestPublic(20, NOW)).toHaveLength(5);
  });

  it(`weighs the newest ${RELATED_CANDIDATES} posts of each tag for related posts`, async () => {
    const { storage } = ctx;
    const user = await storage.users.create(newUser());
    const tag = await storage.terms.ensure({
      taxonomy: 'tag',
      slug: 'big',
      name: 'Big',
      parentId: null,
      description: '',
    });
    const other = await storage.terms.ensure({
      taxonomy: 'tag',
      slug: 'rare',
      name: 'Rare',
      parentId: null,
      description: '',
    });
    const ids = await storage.imports.addPosts(
      Array.from({ length: RELATED_CANDIDATES + 2 }, (_, i) => ({
        post: newPost(user.id, { slug: `p-${i}`, publishedAt: minutesAfter(i) }),
        termIds: i === 0 ? [tag.id, other.id] : [tag.id],
      })),
    );
    const [oldest, second] = [ids[0]!, ids[1]!];
    const newest = ids.at(-1)!;
    // The oldest shares two tags, but the third-newest and older fall outside the big tag's newest.
    await storage.posts.setTerms(second, [tag.id, other.id]);
    const related = await storage.discovery.related({ id: newest }, 4, NOW);
    expect(related.map((r) => r.id)).toEqual([ids.at(-2), ids.at(-3), ids.at(-4), ids.at(-5)]);
    // The second post shares both tags with the oldest, but it is older than the big tag's newest
    // RELATED_CANDIDATES: it counts for the rare tag alone, and newer posts come first. The bound.
    const fromOldest = await storage.discovery.related({ id: oldest }, 2, NOW);
    expect(fromOldest.map((r) => r.id)).toEqual([newest, ids.at(-2)]);
    // Among the newest, sharing more tags ranks first.
    await storage.posts.setTerms(ids.at(-3)!, [tag.id, other.id]);
    expect((await storage.discovery.related({ id: oldest }, 1, NOW))[0]!.id).toBe(ids.at(-3));
  });
}
