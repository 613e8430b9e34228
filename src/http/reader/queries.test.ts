import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../core/users/user.ts';
import type { SqlStorage } from '../../storage/index.ts';
import { postgresAvailability } from '../../../test/support/postgres.ts';
import { makeTestSite, type Dialect, type TestSite } from '../../../test/support/site.ts';

const pg = await postgresAvailability();

/** Every reader page whose contents grow with the site: listings, a discussion, feeds. */
const PAGES = [
  '/',
  '/tag/courts/',
  '/category/world/',
  '/author/writer/',
  '/2026/',
  '/2026/02/',
  '/the-discussion/',
  '/feed/',
  '/feed/atom/',
  '/tag/courts/feed/',
  '/comments/feed/',
  '/comments/feed/json/',
  '/the-discussion/feed/',
  '/sitemap-posts-1.xml',
  '/?s=post',
];

/**
 * A page asks the database the same number of times whether it shows two posts or twenty, two
 * comments or sixty: the N+1 query a reader would feel as a slow page on a big site (each comment in
 * the feed looking up its post, each listed post its author or photo) shows up here as a count that grows.
 */
describe.each<Dialect>(['sqlite', 'postgres'])('queries per reader page (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;
  let storage: SqlStorage;
  let writer: User;
  let courts = 0;
  let world = 0;
  let discussion = 0;
  let made = 0;

  /** `count` published posts in February 2026 by `authorId`, tagged and filed, with a photo each. */
  const addPosts = async (count: number, authorId: number) => {
    for (let i = 0; i < count; i++) {
      made++;
      const photo = await storage.media.create({
        path: `2026/02/photo-${made}.jpg`,
        mime: 'image/jpeg',
        width: 1600,
        height: 900,
        bytes: 1000,
        variants: [],
      });
      const post = await storage.posts.create({
        type: 'post',
        status: 'published',
        slug: made === 1 ? 'the-discussion' : `post-${made}`,
        title: `Post ${made}`,
        source: 'Text',
        html: '<p>Text</p>',
        excerpt: '',
        authorId,
        image: { mediaId: photo.id, alt: 'A photo', caption: '', credit: '' },
        commentStatus: 'open',
        sticky: false,
        publishedAt: new Date(Date.UTC(2026, 1, 1 + (made % 27), 10, made)),
      });
      await storage.posts.setTerms(post.id, [courts, world]);
      if (made === 1) discussion = post.id;
    }
  };

  const addComments = async (postId: number, count: number) => {
    for (let i = 0; i < count; i++) {
      await storage.comments.create({
        postId,
        parentId: null,
        kind: 'comment',
        status: 'approved',
        authorName: `Reader ${i}`,
        authorEmail: `reader${i}@example.org`,
        authorUrl: '',
        identityId: null,
        source: 'Agreed.',
        html: '<p>Agreed.</p>',
        ipHash: 'hash',
        notifyReplies: false,
        notifyPosts: false,
        heldReason: '',
        createdAt: new Date(Date.UTC(2026, 1, 28, 12, 0, i)),
      });
    }
  };

  /** Statements each page runs, after one request that fills the settings kept in the process. */
  const queriesPerPage = async (): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const path of PAGES) {
      const warm = await t.app.request(path);
      expect(warm.status, path).toBe(200);
      await warm.arrayBuffer();
      const before = storage.queryCount();
      const res = await t.app.request(path);
      await res.arrayBuffer();
      counts[path] = storage.queryCount() - before;
    }
    return counts;
  };

  beforeAll(async () => {
    if (skip) return;
    t = await makeTestSite(dialect);
    storage = t.site.core.storage as SqlStorage;
    writer = await storage.users.create({
      login: 'writer',
      email: 'writer@example.org',
      displayName: 'Writer',
      bio: '',
      role: 'owner',
      passwordHash: null,
    });
    const term = (taxonomy: 'tag' | 'category', slug: string) =>
      storage.terms.ensure({ taxonomy, slug, name: slug, parentId: null, description: '' });
    courts = (await term('tag', 'courts')).id;
    world = (await term('category', 'world')).id;
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)('stays the same from a small site to one ten times its size', async () => {
    await addPosts(2, writer.id);
    await addComments(discussion, 2);
    const small = await queriesPerPage();

    // More posts than a page shows, each by its own author with its own photo; a long discussion;
    // comments under many posts for the site-wide feed.
    for (let i = 0; i < 8; i++) {
      const other = await storage.users.create({
        login: `author-${i}`,
        email: `author-${i}@example.org`,
        displayName: `Author ${i}`,
        bio: '',
        role: 'author',
        passwordHash: null,
      });
      await addPosts(2, other.id);
    }
    await addPosts(4, writer.id);
    await addComments(discussion, 58);
    for (let id = discussion + 1; id < discussion + 22; id++) await addComments(id, 1);
    const large = await queriesPerPage();

    expect(large).toEqual(small);
    // And the numbers themselves stay small: a page is a handful of statements.
    for (const [path, count] of Object.entries(large)) expect(count, path).toBeLessThanOrEqual(9);
  });
});
