import { expect, it } from 'vitest';
import { ConflictError, type Storage } from '../../core/ports/storage.ts';
import type { NewPost } from '../../core/posts/post.ts';
import { author, DATES, minutesAfter, newComment, newPost, NOW, TEXT } from './fixtures.ts';

export interface ContractContext {
  readonly storage: Storage;
}

const slugsOf = (items: { slug: string }[]) => items.map((p) => p.slug);

export function postContract(ctx: ContractContext): void {
  it('round-trips every post field, unicode and milliseconds included', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const media = await storage.media.create({
      path: 'a.jpg',
      mime: 'image/jpeg',
      width: 1,
      height: 1,
      bytes: 1,
      variants: [],
    });
    const fields: NewPost = {
      type: 'post',
      status: 'published',
      slug: 'свобода-слова-әділет',
      title: `${TEXT.russian} ${TEXT.emoji}`,
      source: `${TEXT.kazakh}\n\n${TEXT.arabic}`,
      html: `<p>${TEXT.kazakh}</p><p dir="rtl">${TEXT.arabic}</p>`,
      excerpt: TEXT.emoji,
      authorId: user.id,
      image: { mediaId: media.id, alt: TEXT.kazakh, caption: TEXT.arabic, credit: `Фото: ${TEXT.russian}` },
      commentStatus: 'closed',
      sticky: true,
      publishedAt: DATES.early,
    };
    const before = Date.now();
    const created = await storage.posts.create(fields);
    expect(created).toMatchObject(fields);
    expect(created.id).toBeGreaterThan(0);
    expect(created.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(created.updatedAt.getTime()).toBe(created.createdAt.getTime());

    const found = await storage.posts.findById(created.id);
    expect(found).toEqual(created);
    expect(found?.publishedAt.toISOString()).toBe('1999-12-31T23:59:59.999Z');
    expect(await storage.posts.findBySlug('свобода-слова-әділет')).toEqual(created);
  });

  it('round-trips a post without an image and not sticky', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const created = await storage.posts.create(
      newPost(user.id, { slug: 'حرية', sticky: false, image: null }),
    );
    const found = await storage.posts.findBySlug('حرية');
    expect(found?.image).toBeNull();
    expect(found?.sticky).toBe(false);
    expect(found).toEqual(created);
  });

  it('update replaces every field, keeps createdAt and moves updatedAt', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const other = await author(storage);
    const media = await storage.media.create({
      path: 'b.jpg',
      mime: 'image/jpeg',
      width: 1,
      height: 1,
      bytes: 1,
      variants: [],
    });
    const created = await storage.posts.create(
      newPost(user.id, { image: { mediaId: media.id, alt: 'a', caption: 'c', credit: 'r' }, sticky: true }),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const next = newPost(other.id, {
      type: 'page',
      status: 'draft',
      slug: 'жаңа',
      title: TEXT.kazakh,
      commentStatus: 'closed',
      publishedAt: DATES.late,
    });
    const updated = await storage.posts.update(created.id, next);
    expect(updated).toMatchObject({ ...next, id: created.id, image: null, sticky: false });
    expect(updated.createdAt).toEqual(created.createdAt);
    expect(updated.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
    expect(await storage.posts.findById(created.id)).toEqual(updated);
    await expect(storage.posts.update(999_999, next)).rejects.toThrow();
  });

  it('deletes a post with its comments, terms and old paths, and says whether it existed', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const doomed = await storage.posts.create(newPost(user.id, { slug: 'doomed' }));
    const kept = await storage.posts.create(newPost(user.id, { slug: 'kept' }));
    const tag = await storage.terms.ensure({
      taxonomy: 'tag',
      slug: 'т',
      name: 'Т',
      parentId: null,
      description: '',
    });
    for (const post of [doomed, kept]) {
      const root = await storage.comments.create(newComment(post.id));
      await storage.comments.create(newComment(post.id, { parentId: root.id }));
      await storage.posts.setTerms(post.id, [tag.id]);
      await storage.aliases.put(`/?p=${post.id}`, post.id);
    }
    expect(await storage.posts.delete(doomed.id)).toBe(true);
    expect(await storage.posts.findById(doomed.id)).toBeUndefined();
    expect(await storage.comments.count()).toBe(2);
    expect(await storage.comments.forPost(kept.id, [])).toHaveLength(2);
    expect(await storage.aliases.find(`/?p=${doomed.id}`)).toBeUndefined();
    expect(await storage.aliases.find(`/?p=${kept.id}`)).toBe(kept.id);
    expect((await storage.posts.termsOf([doomed.id, kept.id])).get(kept.id)).toEqual([tag]);
    expect(await storage.posts.delete(doomed.id)).toBe(false);
  });

  it('keeps slugs unique across posts and pages and says so with a ConflictError', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    await storage.posts.create(newPost(user.id, { slug: 'about', type: 'page' }));
    const clash = storage.posts.create(newPost(user.id, { slug: 'about', type: 'post' }));
    await expect(clash).rejects.toBeInstanceOf(ConflictError);
    await expect(clash).rejects.toMatchObject({ what: 'slug' });

    const second = await storage.posts.create(newPost(user.id, { slug: 'other' }));
    const rename = storage.posts.update(second.id, newPost(user.id, { slug: 'about' }));
    await expect(rename).rejects.toMatchObject({ what: 'slug' });
    expect((await storage.posts.findById(second.id))?.slug).toBe('other');
    expect(await storage.posts.count()).toBe(2);
  });

  it('finds by slug, optionally of one type', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const page = await storage.posts.create(newPost(user.id, { slug: 'contact', type: 'page' }));
    expect((await storage.posts.findBySlug('contact'))?.id).toBe(page.id);
    expect((await storage.posts.findBySlug('contact', 'page'))?.id).toBe(page.id);
    expect(await storage.posts.findBySlug('contact', 'post')).toBeUndefined();
    expect(await storage.posts.findBySlug('nothing')).toBeUndefined();
    expect(await storage.posts.findById(999_999)).toBeUndefined();
  });

  it('lists what a reader may see by default: published posts whose date has come, newest first', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const make = (slug: string, extra: Partial<NewPost> = {}) =>
      storage.posts.create(newPost(user.id, { slug, ...extra }));
    await make('old', { publishedAt: minutesAfter(1) });
    await make('tie-first', { publishedAt: minutesAfter(2) });
    await make('tie-second', { publishedAt: minutesAfter(2) });
    await make('newest', { publishedAt: minutesAfter(3) });
    await make('draft', { status: 'draft', publishedAt: minutesAfter(4) });
    await make('scheduled', { status: 'scheduled', publishedAt: minutesAfter(4) });
    await make('future', { publishedAt: new Date(NOW.getTime() + 1) });
    await make('exactly-now', { publishedAt: NOW });
    await make('a-page', { type: 'page', publishedAt: minutesAfter(5) });

    const page = await storage.posts.list({ limit: 10, offset: 0 }, NOW);
    // Equal dates fall back to the newer id first, so pagination is stable.
    expect(slugsOf(page.items)).toEqual(['exactly-now', 'newest', 'tie-second', 'tie-first', 'old']);
    expect(page.total).toBe(5);

    const pages = await storage.posts.list({ type: 'page', limit: 10, offset: 0 }, NOW);
    expect(slugsOf(pages.items)).toEqual(['a-page']);
  });

  it('paginates with limit and offset while total counts everything that matches', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    for (let i = 0; i < 7; i++)
      await storage.posts.create(newPost(user.id, { slug: `p${i}`, publishedAt: minutesAfter(i) }));
    const first = await storage.posts.list({ limit: 3, offset: 0 }, NOW);
    const third = await storage.posts.list({ limit: 3, offset: 6 }, NOW);
    const beyond = await storage.posts.list({ limit: 3, offset: 10 }, NOW);
    expect(slugsOf(first.items)).toEqual(['p6', 'p5', 'p4']);
    expect(slugsOf(third.items)).toEqual(['p0']);
    expect([first.total, third.total, beyond.total]).toEqual([7, 7, 7]);
    expect(beyond.items).toEqual([]);
  });

  it('lists the statuses asked for whatever their date, and nothing for an empty list', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    await storage.posts.create(
      newPost(user.id, { slug: 'draft', status: 'draft', publishedAt: new Date('2099-01-01') }),
    );
    await storage.posts.create(newPost(user.id, { slug: 'live', status: 'published' }));
    await storage.posts.create(newPost(user.id, { slug: 'binned', status: 'trash' }));
    const admin = await storage.posts.list({ statuses: ['draft', 'published'], limit: 10, offset: 0 }, NOW);
    expect(slugsOf(admin.items)).toEqual(['draft', 'live']);
    const none = await storage.posts.list({ statuses: [], limit: 10, offset: 0 }, NOW);
    expect(none).toEqual({ items: [], total: 0 });
  });

  it('filters by tag slug, author and a date range with an inclusive start and exclusive end', async () => {
    const { storage } = ctx;
    const alice = await author(storage);
    const bob = await author(storage);
    const tag = await storage.terms.ensure({
      taxonomy: 'tag',
      slug: 'права',
      name: 'Права',
      parentId: null,
      description: '',
    });
    // A category with the same slug must not leak into the tag listing.
    const cat = await storage.terms.ensure({
      taxonomy: 'category',
      slug: 'права',
      name: 'Права',
      parentId: null,
      description: '',
    });
    const a1 = await storage.posts.create(newPost(alice.id, { slug: 'a1', publishedAt: minutesAfter(0) }));
    const a2 = await storage.posts.create(newPost(alice.id, { slug: 'a2', publishedAt: minutesAfter(10) }));
    const b1 = await storage.posts.create(newPost(bob.id, { slug: 'b1', publishedAt: minutesAfter(20) }));
    await storage.posts.setTerms(a1.id, [tag.id]);
    await storage.posts.setTerms(b1.id, [tag.id]);
    await storage.posts.setTerms(a2.id, [cat.id]);

    const list = (q: object) => storage.posts.list({ limit: 10, offset: 0, ...q }, NOW);
    expect(slugsOf((await list({ tag: 'права' })).items)).toEqual(['b1', 'a1']);
    expect((await list({ tag: 'права' })).total).toBe(2);
    expect(slugsOf((await list({ tag: 'права', authorId: alice.id })).items)).toEqual(['a1']);
    expect(slugsOf((await list({ authorId: bob.id })).items)).toEqual(['b1']);
    expect(slugsOf((await list({ tag: 'nothing' })).items)).toEqual([]);
    expect(slugsOf((await list({ from: minutesAfter(0), until: minutesAfter(20) })).items)).toEqual([
      'a2',
      'a1',
    ]);
    expect(slugsOf((await list({ from: minutesAfter(10) })).items)).toEqual(['b1', 'a2']);
  });

  it('lists a category with the posts of its subcategories at any depth', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const ensure = (slug: string, parentId: number | null) =>
      storage.terms.ensure({ taxonomy: 'category', slug, name: slug, parentId, description: '' });
    const world = await ensure('world', null);
    const asia = await ensure('asia', world.id);
    const kazakhstan = await ensure('kazakhstan', asia.id);
    const sport = await ensure('sport', null);
    const posts: Record<string, number> = {};
    for (const [i, [slug, term]] of (
      [
        ['in-world', world],
        ['in-asia', asia],
        ['in-kz', kazakhstan],
        ['in-sport', sport],
      ] as const
    ).entries()) {
      posts[slug] = (await storage.posts.create(newPost(user.id, { slug, publishedAt: minutesAfter(i) }))).id;
      await storage.posts.setTerms(posts[slug]!, [term.id]);
    }
    // A post in both a parent and its child appears once.
    await storage.posts.setTerms(posts['in-kz']!, [kazakhstan.id, world.id]);

    const list = async (category: string) => {
      const page = await storage.posts.list({ category, limit: 10, offset: 0 }, NOW);
      return { slugs: slugsOf(page.items), total: page.total };
    };
    expect(await list('world')).toEqual({ slugs: ['in-kz', 'in-asia', 'in-world'], total: 3 });
    expect(await list('asia')).toEqual({ slugs: ['in-kz', 'in-asia'], total: 2 });
    expect(await list('kazakhstan')).toEqual({ slugs: ['in-kz'], total: 1 });
    expect(await list('sport')).toEqual({ slugs: ['in-sport'], total: 1 });
    expect(await list('missing')).toEqual({ slugs: [], total: 0 });
  });

  it('counts only approved comments, not pingbacks, on each listed post', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const busy = await storage.posts.create(newPost(user.id, { slug: 'busy', publishedAt: minutesAfter(1) }));
    await storage.posts.create(newPost(user.id, { slug: 'quiet' }));
    for (const status of ['approved', 'approved', 'pending', 'spam', 'trash'] as const) {
      await storage.comments.create(newComment(busy.id, { status }));
    }
    await storage.comments.create(newComment(busy.id, { kind: 'pingback' }));
    await storage.comments.create(newComment(busy.id, { kind: 'trackback' }));
    const page = await storage.posts.list({ limit: 10, offset: 0 }, NOW);
    expect(page.items.map((p) => [p.slug, p.commentCount])).toEqual([
      ['busy', 2],
      ['quiet', 0],
    ]);
  });

  it('sets, replaces and clears the terms of a post', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const post = await storage.posts.create(newPost(user.id));
    const ensure = (taxonomy: 'tag' | 'category', slug: string) =>
      storage.terms.ensure({ taxonomy, slug, name: slug, parentId: null, description: '' });
    const [a, b, c] = [await ensure('tag', 'a'), await ensure('tag', 'b'), await ensure('category', 'c')];
    await storage.posts.setTerms(post.id, [a.id, b.id, a.id]);
    expect(
      (await storage.posts.termsOf([post.id]))
        .get(post.id)!
        .map((t) => t.slug)
        .sort(),
    ).toEqual(['a', 'b']);
    await storage.posts.setTerms(post.id, [c.id, b.id]);
    const terms = (await storage.posts.termsOf([post.id])).get(post.id)!;
    expect(terms.map((t) => t.slug).sort()).toEqual(['b', 'c']);
    expect(terms.find((t) => t.slug === 'c')).toEqual(c);
    await storage.posts.setTerms(post.id, []);
    expect((await storage.posts.termsOf([post.id])).get(post.id)!).toEqual([]);
  });

  it('counts every post whatever its type or status', async () => {
    const { storage } = ctx;
    expect(await storage.posts.count()).toBe(0);
    const user = await author(storage);
    await storage.posts.create(newPost(user.id, { status: 'draft' }));
    await storage.posts.create(newPost(user.id, { type: 'page' }));
    expect(await storage.posts.count()).toBe(2);
  });
}
