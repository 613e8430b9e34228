import type { Kysely } from 'kysely';
import { publicAt } from '../../core/reading/visibility.ts';
import { visibleTo } from '../visibility.ts';
import { RELATED_CANDIDATES, type DiscoveryRepository, type SitemapEntry } from '../../core/ports/storage.ts';
import type { PostType } from '../../core/posts/post.ts';
import { readCount, readDate, type SqlDialect } from '../dialect.ts';
import type { Database } from '../schema.ts';
import type { PostRef } from '../../core/posts/post.ts';

/** Links need a title, a date and a slug: never the bodies, the costliest columns to read. */
const REF_COLUMNS = ['posts.id', 'posts.type', 'posts.slug', 'posts.title', 'posts.published_at'] as const;

const toRef = (row: {
  id: number;
  type: string;
  slug: string;
  title: string;
  published_at: Date | number;
}): PostRef => ({
  id: row.id,
  type: row.type as PostType,
  slug: row.slug,
  title: row.title,
  publishedAt: readDate(row.published_at),
});

/** What a reader may see, as the core defines it. */
const isPublic = (d: SqlDialect, now: Date) => visibleTo(publicAt(now), d);

const newer = (a: Date, b: Date) => (a > b ? a : b);

export function discoveryRepository(db: Kysely<Database>, d: SqlDialect): DiscoveryRepository {
  const publicPosts = (now: Date) =>
    db.selectFrom('posts').where('posts.type', '=', 'post').where(isPublic(d, now));

  return {
    async adjacent(post, now) {
      const at = d.date(post.publishedAt);
      // Row values: ties on the date fall back to the id, so two posts published in the same
      // millisecond still chain, and both databases seek the listing index to the row.
      const [previous, next] = await Promise.all([
        publicPosts(now)
          .select(REF_COLUMNS)
          .where((eb) => eb(eb.refTuple('posts.published_at', 'posts.id'), '<', eb.tuple(at, post.id)))
          .orderBy('posts.published_at', 'desc')
          .orderBy('posts.id', 'desc')
          .limit(1)
          .executeTakeFirst(),
        publicPosts(now)
          .select(REF_COLUMNS)
          .where((eb) => eb(eb.refTuple('posts.published_at', 'posts.id'), '>', eb.tuple(at, post.id)))
          .orderBy('posts.published_at', 'asc')
          .orderBy('posts.id', 'asc')
          .limit(1)
          .executeTakeFirst(),
      ]);
      return { previous: previous && toRef(previous), next: next && toRef(next) };
    },

    async related(post, limit, now) {
      const tags = await db
        .selectFrom('post_terms')
        .innerJoin('terms', 'terms.id', 'post_terms.term_id')
        .select('post_terms.term_id')
        .where('post_terms.post_id', '=', post.id)
        .where('terms.taxonomy', '=', 'tag')
        .execute();
      if (tags.length === 0) return [];
      // Each tag's newest posts by id (the post_terms_term index read backwards), so a tag that half
      // the site carries costs RELATED_CANDIDATES rows, not half the site.
      const newestOf = (termId: number) =>
        db
          .selectFrom('post_terms')
          .select('post_id')
          .where('term_id', '=', termId)
          .where('post_id', '<>', post.id)
          .orderBy('post_id', 'desc')
          .limit(RELATED_CANDIDATES);
      const [first, ...rest] = tags.map((t) =>
        db.selectFrom(newestOf(t.term_id).as('newest')).select('newest.post_id'),
      );
      const candidates = rest.reduce((all, next) => all.unionAll(next), first!);
      const shared = db
        .selectFrom(candidates.as('c'))
        .select((eb) => ['c.post_id as post_id', eb.fn.countAll<number | string>().as('shared')])
        .groupBy('c.post_id');
      // From the few candidates to their posts by key: CROSS JOIN keeps SQLite from walking the
      // listing index of the whole site instead (PostgreSQL plans it the same either way).
      const rows = await db
        .selectFrom(shared.as('s'))
        .crossJoin('posts')
        .whereRef('posts.id', '=', 's.post_id')
        .where('posts.type', '=', 'post')
        .where(isPublic(d, now))
        .select(REF_COLUMNS)
        .orderBy('s.shared', 'desc')
        .orderBy('posts.published_at', 'desc')
        .orderBy('posts.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toRef);
    },

    async publicPosts(type: PostType, now, limit, offset) {
      const rows = await db
        .selectFrom('posts')
        .select(['slug', 'type', 'published_at', 'updated_at'])
        .where('type', '=', type)
        .where(isPublic(d, now))
        .orderBy('published_at', 'asc')
        .orderBy('id', 'asc')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map((r) => {
        const publishedAt = readDate(r.published_at);
        return {
          slug: r.slug,
          type: r.type as PostType,
          publishedAt,
          lastModified: newer(publishedAt, readDate(r.updated_at)),
        };
      });
    },

    async countPublic(type, now) {
      const row = await db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('type', '=', type)
        .where(isPublic(d, now))
        .executeTakeFirstOrThrow();
      return readCount(row.n);
    },

    async termsInUse(taxonomy, now): Promise<SitemapEntry[]> {
      const rows = await db
        .selectFrom('terms')
        .innerJoin('post_terms', 'post_terms.term_id', 'terms.id')
        .innerJoin('posts', 'posts.id', 'post_terms.post_id')
        .select((eb) => ['terms.slug as slug', eb.fn.max('posts.updated_at').as('modified')])
        .where('terms.taxonomy', '=', taxonomy)
        .where(isPublic(d, now))
        .groupBy('terms.slug')
        .orderBy('terms.slug')
        .execute();
      return rows.map((r) => ({ slug: r.slug, lastModified: readDate(r.modified as Date | number) }));
    },

    async authorsInUse(now) {
      const rows = await db
        .selectFrom('users')
        .innerJoin('posts', 'posts.author_id', 'users.id')
        .select((eb) => ['users.login as slug', eb.fn.max('posts.updated_at').as('modified')])
        .where(isPublic(d, now))
        .groupBy('users.login')
        .orderBy('users.login')
        .execute();
      return rows.map((r) => ({ slug: r.slug, lastModified: readDate(r.modified as Date | number) }));
    },
  };
}
