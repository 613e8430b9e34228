import { expect, it } from 'vitest';
import type { ContractContext } from './posts.contract.ts';
import { author, minutesAfter, newPost, NOW } from './fixtures.ts';

export function discoveryContract(ctx: ContractContext): void {
  it('chains a post to the public posts just before and after it, skipping drafts, pages and the future', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const make = (slug: string, minutes: number, extra = {}) =>
      storage.posts.create(newPost(user.id, { slug, publishedAt: minutesAfter(minutes), ...extra }));
    const first = await make('first', 1);
    await make('draft-between', 2, { status: 'draft' });
    await make('page-between', 3, { type: 'page' });
    const second = await make('second', 4);
    const third = await make('third', 4);
    await make('future', 60 * 24 * 365 * 5);

    const middle = await storage.discovery.adjacent(second, NOW);
    expect(middle.previous?.slug).toBe('first');
    expect(middle.next?.slug).toBe('third');
    expect((await storage.discovery.adjacent(first, NOW)).previous).toBeUndefined();
    expect((await storage.discovery.adjacent(third, NOW)).next).toBeUndefined();
  });

  it('finds related posts by the number of shared tags, never the post itself', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const tag = async (slug: string) =>
      (await storage.terms.ensure({ taxonomy: 'tag', slug, name: slug, parentId: null, description: '' })).id;
    const [a, b, c] = [await tag('press'), await tag('courts'), await tag('elections')];
    const category = await storage.terms.ensure({
      taxonomy: 'category',
      slug: 'world',
      name: 'World',
      parentId: null,
      description: '',
    });
    const post = async (slug: string, terms: number[], extra = {}) => {
      const p = await storage.posts.create(newPost(user.id, { slug, ...extra }));
      await storage.posts.setTerms(p.id, terms);
      return p;
    };
    const subject = await post('subject', [a, b, c, category.id]);
    await post('one-tag', [a]);
    await post('two-tags', [a, b]);
    await post('category-only', [category.id]);
    await post('hidden', [a, b, c], { status: 'draft' });

    const related = await storage.discovery.related(subject, 5, NOW);
    expect(related.map((p) => p.slug)).toEqual(['two-tags', 'one-tag']);
  });

  it('lists public posts and pages, terms and authors in use, for sitemaps', async () => {
    const { storage } = ctx;
    const writer = await author(storage);
    const silent = await author(storage);
    const p1 = await storage.posts.create(newPost(writer.id, { slug: 'p1', publishedAt: minutesAfter(1) }));
    await storage.posts.create(newPost(writer.id, { slug: 'p2', publishedAt: minutesAfter(2) }));
    await storage.posts.create(newPost(silent.id, { slug: 'draft', status: 'draft' }));
    await storage.posts.create(newPost(writer.id, { slug: 'about', type: 'page' }));
    const used = await storage.terms.ensure({
      taxonomy: 'tag',
      slug: 'used',
      name: 'Used',
      parentId: null,
      description: '',
    });
    await storage.terms.ensure({
      taxonomy: 'tag',
      slug: 'unused',
      name: 'Unused',
      parentId: null,
      description: '',
    });
    await storage.posts.setTerms(p1.id, [used.id]);

    expect(await storage.discovery.countPublic('post', NOW)).toBe(2);
    const posts = await storage.discovery.publicPosts('post', NOW, 10, 0);
    expect(posts.map((p) => p.slug)).toEqual(['p1', 'p2']);
    expect(posts[0]!.lastModified.getTime()).toBeGreaterThanOrEqual(posts[0]!.publishedAt!.getTime());
    expect((await storage.discovery.publicPosts('post', NOW, 1, 1)).map((p) => p.slug)).toEqual(['p2']);
    expect((await storage.discovery.publicPosts('page', NOW, 10, 0)).map((p) => p.slug)).toEqual(['about']);
    expect((await storage.discovery.termsInUse('tag', NOW)).map((t) => t.slug)).toEqual(['used']);
    expect((await storage.discovery.authorsInUse(NOW)).map((a) => a.slug)).toEqual([writer.login]);
  });
}
