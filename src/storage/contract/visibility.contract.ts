import { expect, it } from 'vitest';
import { POST_STATUSES, type Post } from '../../core/posts/post.ts';
import { isPublic } from '../../core/reading/visibility.ts';
import type { ContractContext } from './posts.contract.ts';
import { author, newPost, NOW } from './fixtures.ts';

const minutesFromNow = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

/**
 * Every read that serves the public answers with exactly the posts the core's rule (`isPublic`)
 * calls public: each status, a date past, exactly now, and to come.
 */
export function visibilityContract(ctx: ContractContext): void {
  it('lists, finds, counts and maps exactly the posts the core calls public', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    const tag = await storage.terms.ensure({
      taxonomy: 'tag',
      slug: 'seen',
      name: 'seen',
      parentId: null,
      description: '',
    });
    const posts: Post[] = [];
    for (const status of POST_STATUSES) {
      for (const [when, at] of [
        ['past', minutesFromNow(-60)],
        ['now', NOW],
        ['future', minutesFromNow(60)],
      ] as const) {
        const post = await storage.posts.create(
          newPost(user.id, { slug: `${status}-${when}`, status, title: 'Zebra crossing', publishedAt: at }),
        );
        await storage.posts.setTerms(post.id, [tag.id]);
        posts.push(post);
      }
    }
    const expected = posts
      .filter((p) => isPublic(p, NOW))
      .map((p) => p.slug)
      .sort();
    expect(expected).toEqual(['published-now', 'published-past']);
    const slugs = (items: { slug: string }[]) => items.map((p) => p.slug).sort();

    const listed = await storage.posts.list({ limit: 100, offset: 0 }, NOW);
    expect(slugs(listed.items)).toEqual(expected);
    expect(listed.total).toBe(expected.length);
    expect(slugs((await storage.posts.list({ tag: 'seen', limit: 100, offset: 0 }, NOW)).items)).toEqual(
      expected,
    );
    const found = await storage.search.posts({ text: 'zebra', limit: 100, offset: 0 }, NOW);
    expect(slugs(found.items.map((h) => h.post))).toEqual(expected);
    expect(found.total).toBe(expected.length);
    expect(await storage.discovery.countPublic('post', NOW)).toBe(expected.length);
    expect(slugs(await storage.discovery.publicPosts('post', NOW, 100, 0))).toEqual(expected);
    expect(slugs(await storage.discovery.termsInUse('tag', NOW))).toEqual(['seen']);
    expect(slugs(await storage.discovery.authorsInUse(NOW))).toEqual([user.login]);
    const first = posts.find((p) => p.slug === 'published-past')!;
    const { next } = await storage.discovery.adjacent(first, NOW);
    expect(next?.slug).toBe('published-now');
  });

  it('shows nothing of a site whose posts are all drafts or still to come', async () => {
    const { storage } = ctx;
    const user = await author(storage);
    await storage.posts.create(newPost(user.id, { slug: 'draft', status: 'draft' }));
    await storage.posts.create(newPost(user.id, { slug: 'later', publishedAt: minutesFromNow(1) }));
    expect((await storage.posts.list({ limit: 10, offset: 0 }, NOW)).total).toBe(0);
    expect(await storage.discovery.countPublic('post', NOW)).toBe(0);
    expect(await storage.discovery.authorsInUse(NOW)).toEqual([]);
  });
}
