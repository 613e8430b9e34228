import {
  type ExpressionBuilder,
  type Expression,
  type Kysely,
  type Selectable,
  type SqlBool,
  sql,
} from 'kysely';
import type { PostRepository } from '../../core/ports/storage.ts';
import type {
  NewPost,
  Post,
  PostCommentStatus,
  PostFormat,
  PostQuery,
  PostStatus,
  PostType,
  ShownPost,
} from '../../core/posts/post.ts';
import { publicAt } from '../../core/reading/visibility.ts';
import { readBool, readCount, readDate, type SqlDialect } from '../dialect.ts';
import { visibleTo } from '../visibility.ts';
import { atomically, guardUnique } from '../errors.ts';
import type { Database, PostsTable } from '../schema.ts';
import { toTerm } from './terms.ts';
import type { Term } from '../../core/site/terms.ts';

type PostRow = Selectable<PostsTable>;

/** Every column but `source`: what listings read (see PostSummary). */
const LISTED_COLUMNS = [
  'posts.id',
  'posts.type',
  'posts.status',
  'posts.slug',
  'posts.title',
  'posts.format',
  'posts.html',
  'posts.excerpt',
  'posts.author_id',
  'posts.featured_media_id',
  'posts.image_alt',
  'posts.image_caption',
  'posts.image_credit',
  'posts.comment_status',
  'posts.sticky',
  'posts.published_at',
  'posts.created_at',
  'posts.updated_at',
  'posts.guid',
  // Read only to say whether the post is protected: toListed never passes the value on.
  'posts.password',
] as const;

export function toPost(row: PostRow): Post {
  return { ...toListed(row), source: row.source };
}

function toListed(row: Omit<PostRow, 'source'>): Omit<Post, 'source'> {
  return {
    id: row.id,
    type: row.type as PostType,
    status: row.status as PostStatus,
    slug: row.slug,
    title: row.title,
    format: row.format as PostFormat,
    html: row.html,
    excerpt: row.excerpt,
    authorId: row.author_id,
    image:
      row.featured_media_id === null
        ? null
        : {
            mediaId: row.featured_media_id,
            alt: row.image_alt,
            caption: row.image_caption,
            credit: row.image_credit,
          },
    commentStatus: row.comment_status as PostCommentStatus,
    sticky: readBool(row.sticky),
    publishedAt: readDate(row.published_at),
    createdAt: readDate(row.created_at),
    updatedAt: readDate(row.updated_at),
    guid: row.guid,
    protected: row.password !== '',
  };
}

/** Posts as readers are shown them (no source), by id, in one query: for pages that list hits. */
export async function shownPostsByIds(db: Kysely<Database>, ids: number[]): Promise<Map<number, ShownPost>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('posts')
    .select(LISTED_COLUMNS)
    .where('posts.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, toListed(row)]));
}

export function toRow(post: NewPost, d: SqlDialect) {
  return {
    type: post.type,
    status: post.status,
    slug: post.slug,
    title: post.title,
    source: post.source,
    format: post.format ?? 'markdown',
    html: post.html,
    excerpt: post.excerpt,
    author_id: post.authorId,
    featured_media_id: post.image?.mediaId ?? null,
    image_alt: post.image?.alt ?? '',
    image_caption: post.image?.caption ?? '',
    image_credit: post.image?.credit ?? '',
    comment_status: post.commentStatus,
    sticky: d.bool(post.sticky),
    published_at: d.date(post.publishedAt),
    ...(post.guid === undefined ? {} : { guid: post.guid }),
    ...(post.password === undefined ? {} : { password: post.password }),
  };
}

/** The only unique rule on posts is the slug. */
const slugConflict = () => 'slug';

/**
 * The WHERE clause shared by a listing and its total. Without explicit statuses it is what a reader
 * may see: published, and its date has come (a future date is WordPress's "scheduled").
 */
function listingFilter(query: PostQuery, now: Date, d: SqlDialect, counting = false) {
  return (eb: ExpressionBuilder<Database, 'posts'>): Expression<SqlBool> => {
    const where: Expression<SqlBool>[] = [eb('posts.type', '=', query.type ?? 'post')];
    if (query.statuses === undefined) {
      where.push(visibleTo(publicAt(now), d)(eb));
    } else if (query.statuses.length === 0) {
      where.push(sql<SqlBool>`1 = 0`);
    } else {
      where.push(eb('posts.status', 'in', query.statuses));
    }
    // EXISTS probes post_terms' primary key for each post the listing index gives, newest first, so a
    // page reads about as many rows as it shows; `id in (…)` would first collect every post of the term.
    if (query.tag !== undefined) {
      const tagged = eb
        .selectFrom('post_terms')
        .innerJoin('terms', 'terms.id', 'post_terms.term_id')
        .where('terms.taxonomy', '=', 'tag')
        .where('terms.slug', '=', query.tag);
      // A total counts every post of the term anyway; collecting them from the term's index first
      // is then the cheaper way (about half the time of a probe per post at 100,000 posts).
      where.push(
        counting
          ? eb('posts.id', 'in', tagged.select('post_terms.post_id'))
          : eb.exists(tagged.select(sql.lit(1).as('one')).whereRef('post_terms.post_id', '=', 'posts.id')),
      );
    }
    if (query.category !== undefined) {
      // A category page lists its subcategories' posts too, at any depth, as WordPress does. UNION
      // (not UNION ALL) makes the recursion stop even if a bad import left a parent cycle.
      where.push(sql<SqlBool>`exists (
        with recursive cats(id) as (
          select id from terms where taxonomy = 'category' and slug = ${query.category}
          union
          select t.id from terms t join cats on t.parent_id = cats.id
        )
        select 1 from post_terms pt where pt.post_id = ${eb.ref('posts.id')} and pt.term_id in (select id from cats)
      )`);
    }
    if (query.authorId !== undefined) where.push(eb('posts.author_id', '=', query.authorId));
    if (query.from !== undefined) where.push(eb('posts.published_at', '>=', d.date(query.from)));
    if (query.until !== undefined) where.push(eb('posts.published_at', '<', d.date(query.until)));
    return eb.and(where);
  };
}

export function postRepository(db: Kysely<Database>, d: SqlDialect): PostRepository {
  return {
    async create(post) {
      const now = d.date(new Date());
      const row = await guardUnique(db, d, slugConflict, () =>
        db
          .insertInto('posts')
          .values({ ...toRow(post, d), created_at: now, updated_at: now })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toPost(row);
    },

    async update(id, post) {
      const row = await guardUnique(db, d, slugConflict, () =>
        db
          .updateTable('posts')
          .set({ ...toRow(post, d), updated_at: d.date(new Date()) })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst(),
      );
      if (!row) throw new Error(`post ${id} does not exist`);
      return toPost(row);
    },

    async delete(id) {
      // Comments, term links, aliases and the search row go with it (foreign keys on delete cascade).
      const result = await db.deleteFrom('posts').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async findById(id) {
      const row = await db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toPost(row);
    },

    async passwordOf(id) {
      const row = await db.selectFrom('posts').select('password').where('id', '=', id).executeTakeFirst();
      return row?.password;
    },

    async findBySlug(slug, type) {
      let query = db.selectFrom('posts').selectAll().where('slug', '=', slug);
      if (type !== undefined) query = query.where('type', '=', type);
      const row = await query.executeTakeFirst();
      return row && toPost(row);
    },

    async findShown(where) {
      const row = await db
        .selectFrom('posts')
        .select(LISTED_COLUMNS)
        .$call((qb) => ('slug' in where ? qb.where('slug', '=', where.slug) : qb.where('id', '=', where.id)))
        .executeTakeFirst();
      return row && toListed(row);
    },

    async list(query, now) {
      const filter = listingFilter(query, now, d);
      // The page's ids come from the listing index alone; only those posts' columns are then read.
      const page = db
        .selectFrom('posts')
        .select('posts.id')
        .where(filter)
        .orderBy('posts.published_at', 'desc')
        .orderBy('posts.id', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .as('page');
      const [rows, total] = await Promise.all([
        db
          .selectFrom(page)
          .innerJoin('posts', 'posts.id', 'page.id')
          .select(LISTED_COLUMNS)
          .select((eb) =>
            eb
              .selectFrom('comments')
              .select((c) => c.fn.countAll<number | string>().as('n'))
              .whereRef('comments.post_id', '=', 'posts.id')
              // Literals, not parameters: the planner matches them to the partial index comments_shown.
              .where(sql<SqlBool>`comments.status = 'approved' and comments.kind = 'comment'`)
              .as('comment_count'),
          )
          .orderBy('posts.published_at', 'desc')
          .orderBy('posts.id', 'desc')
          .execute(),
        db
          .selectFrom('posts')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where(listingFilter(query, now, d, true))
          .executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((row) => ({ ...toListed(row), commentCount: readCount(row.comment_count ?? 0) })),
        total: readCount(total.n),
      };
    },

    async setTerms(postId, termIds) {
      const unique = [...new Set(termIds)];
      await atomically(db, async (tx) => {
        await tx.deleteFrom('post_terms').where('post_id', '=', postId).execute();
        if (unique.length > 0) {
          await tx
            .insertInto('post_terms')
            .values(unique.map((termId) => ({ post_id: postId, term_id: termId })))
            .execute();
        }
      });
    },

    async termsOf(postIds) {
      const byPost = new Map<number, Term[]>(postIds.map((id) => [id, []]));
      if (postIds.length === 0) return byPost;
      const rows = await db
        .selectFrom('terms')
        .innerJoin('post_terms', 'post_terms.term_id', 'terms.id')
        .selectAll('terms')
        .select('post_terms.post_id')
        .where('post_terms.post_id', 'in', [...new Set(postIds)])
        .orderBy('terms.taxonomy')
        .orderBy('terms.name')
        .orderBy('terms.id')
        .execute();
      for (const { post_id, ...term } of rows) byPost.get(post_id)?.push(toTerm(term));
      return byPost;
    },

    async count() {
      const row = await db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return readCount(row.n);
    },

    async allAfter(afterId, limit) {
      const rows = await db
        .selectFrom('posts')
        .selectAll()
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toPost);
    },

    async lastId() {
      const row = await db
        .selectFrom('posts')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      return row?.id ?? 0;
    },

    async scheduledDue(now, limit) {
      const rows = await db
        .selectFrom('posts')
        .select('id')
        .where('status', '=', 'scheduled')
        .where('published_at', '<=', d.date(now))
        .orderBy('published_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },

    async publishScheduled(id, now) {
      const result = await db
        .updateTable('posts')
        .set({ status: 'published' })
        .where('id', '=', id)
        .where('status', '=', 'scheduled')
        .where('published_at', '<=', d.date(now))
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async openForCommentsBefore(cutoff, limit) {
      const rows = await db
        .selectFrom('posts')
        .select('id')
        .where('status', '=', 'published')
        .where('comment_status', '=', 'open')
        .where('published_at', '<=', d.date(cutoff))
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },

    async closeComments(id, cutoff) {
      const result = await db
        .updateTable('posts')
        .set({ comment_status: 'closed' })
        .where('id', '=', id)
        .where('comment_status', '=', 'open')
        .where('published_at', '<=', d.date(cutoff))
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
