/**
 * Seeds a benchmark site through the core's bulk use cases (the ones an import writes through: a
 * batch of posts with their terms and comments in one transaction, a few multi-row statements each),
 * so 100,000 posts and 1,000,000 comments take minutes, not hours. No SQL here.
 *
 * Every size has the same pages to measure: the newest posts are long essays in English and Russian
 * sharing the tag "Human rights", and one of them, the newest but one, carries a discussion of 60
 * comments in threads 5 levels deep. The rest of the site is shorter posts with a few comments each.
 * Text comes from a fixed seed, so every run measures the same pages.
 */
import { openSite } from '../src/boot/site.ts';
import { loadConfig } from '../src/config/load.ts';
import type { NewComment } from '../src/core/comments/comment.ts';
import {
  writeImportBatch,
  writeImportedPeople,
  type BatchComment,
  type BatchPost,
} from '../src/core/imports/batch.ts';
import type { NewPost } from '../src/core/posts/post.ts';
import { slugify } from '../src/core/posts/slug.ts';
import { addUser } from '../src/core/users/add-user.ts';
import { between, commentText, essay, pick, random, title, type Language, type Rng } from './text.ts';

export type SiteSize = 'small' | 'large';

export interface SeedOptions {
  posts: number;
  /** Comments of the discussion post (the one measured). */
  comments: number;
  /** Deepest reply level in the discussion (1 = top level); the site's default thread depth is 5. */
  depth: number;
  seed: number;
  /** Comments on the whole site, the discussion's included (default: the discussion's alone). */
  totalComments?: number;
  /** How many of the newest posts are full-length essays (default 30); the rest are short. */
  essays?: number;
}

/** The sites the issue names: 1,000 posts with a few comments each, and 100,000 with 1,000,000. */
export const SIZES: Record<SiteSize, SeedOptions> = {
  small: { posts: 1_000, comments: 60, depth: 5, seed: 20261128, totalComments: 4_000 },
  large: { posts: 100_000, comments: 60, depth: 5, seed: 20261128, totalComments: 1_000_000 },
};

export interface SizedSeed {
  size: SiteSize;
  /** Required when called with one argument. */
  dataDir?: string;
  /** Absent: SQLite in `dataDir`; `postgres://…` seeds that (empty, migrated or not) database. */
  databaseUrl?: string;
  /** Progress lines (the large site takes minutes). */
  progress?: (line: string) => void;
}

export interface SeededSite {
  /** Paths of the pages measured. */
  home: string;
  post: string;
  tag: string;
  feed: string;
  commentsFeed: string;
  posts: number;
  words: number;
  /** Comments of the discussion post (all shown on its page). */
  comments: number;
  /** Comments on the whole site. */
  totalComments: number;
  deepestComment: number;
  postsInTag: number;
  seconds: number;
}

const TAG = 'Human rights';
const OTHER_TAGS = [
  'Elections',
  'Courts',
  'Censorship',
  'Economy',
  'Central Asia',
  'Память',
  'Выборы',
  'Цензура',
];
const CATEGORIES = [
  { path: ['World', 'Central Asia'], slug: 'central-asia', parent: 'world' },
  { path: ['Мир', 'Центральная Азия'], slug: 'центральная-азия', parent: 'мир' },
];
const DISCUSSION_SLUG = 'the-amendment-and-its-readers';
const HOUR = 60 * 60 * 1000;
/** Posts per transaction: a few thousand comments with them, a few hundred rows per statement. */
const BATCH_POSTS = 500;
/** Distinct short bodies and comments, formatted once each and reused across the site. */
const POOL = 400;
const SOURCE = 'bench-seed';

const COMMENTERS = [
  'Aigerim',
  'Daniyar K.',
  'Мария Петрова',
  'Олег',
  'A reader from Almaty',
  'Sasha',
  'Ерлан',
  'Jonathan Miles',
  'Наталья',
  'Timur',
  'Гость',
  'Lena W.',
];

type Formatter = Awaited<ReturnType<typeof openSite>>['core']['formatter'];

interface Pools {
  bodies: { source: string; html: string; words: number }[];
  comments: { source: string; html: string }[];
}

function pools(rng: Rng, formatter: Formatter): Pools {
  const language = (i: number): Language => (i % 3 === 1 ? 'ru' : 'en');
  return {
    bodies: Array.from({ length: POOL }, (_, i) => {
      const source = essay(rng, language(i), between(rng, 120, 300), []);
      return { source, html: formatter.post(source), words: source.split(/\s+/).length };
    }),
    comments: Array.from({ length: POOL }, (_, i) => {
      const source = commentText(rng, language(i));
      return { source, html: formatter.comment(source) };
    }),
  };
}

/** Seeds a site of a named size, or (the older form) of the given counts, into `dataDir`. */
export async function seedSite(options: SizedSeed): Promise<SeededSite>;
export async function seedSite(
  dataDir: string,
  options: (SeedOptions & Omit<SizedSeed, 'size'>) | SizedSeed,
): Promise<SeededSite>;
export async function seedSite(
  first: string | SizedSeed,
  second?: (SeedOptions & Omit<SizedSeed, 'size'>) | SizedSeed,
): Promise<SeededSite> {
  const sized = typeof first === 'string' ? second : first;
  const dataDir = typeof first === 'string' ? first : first.dataDir;
  if (!dataDir) throw new Error('seedSite: dataDir is required');
  if (!sized) throw new Error('seedSite: options are required');
  const options = 'size' in sized ? SIZES[sized.size] : sized;
  const extra: Omit<SizedSeed, 'size'> = sized;
  return seed(dataDir, options, extra.databaseUrl, extra.progress ?? (() => {}));
}

async function seed(
  dataDir: string,
  options: SeedOptions,
  databaseUrl: string | undefined,
  progress: (line: string) => void,
): Promise<SeededSite> {
  const started = Date.now();
  const site = await openSite(
    loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    }),
  );
  try {
    const { core } = site;
    const rng = random(options.seed);
    const author = await addUser(core, {
      login: 'writer',
      email: 'writer@example.org',
      displayName: 'Анна Ковалёва',
      role: 'owner',
      bio: 'Writes about courts, elections and the people in between.',
    });
    if (!author.ok) throw new Error(`seeding the author: ${JSON.stringify(author.error)}`);

    const tagNames = [TAG, ...OTHER_TAGS];
    const people = await writeImportedPeople(
      core.storage,
      SOURCE,
      [],
      [
        ...tagNames.map((name) => ({
          sourceId: `tag/${slugify(name)}`,
          term: { taxonomy: 'tag' as const, slug: slugify(name), name, description: '' },
          parent: null,
        })),
        ...CATEGORIES.flatMap((c, i) => [
          {
            sourceId: `category/${c.parent}`,
            term: { taxonomy: 'category' as const, slug: c.parent, name: c.path[0]!, description: '' },
            parent: null,
          },
          {
            sourceId: `category/${c.slug}`,
            term: { taxonomy: 'category' as const, slug: c.slug, name: c.path[1]!, description: '' },
            parent: { index: tagNames.length + i * 2 },
          },
        ]),
      ],
    );
    const tagIds = people.termIds.slice(0, tagNames.length);
    const categoryIds = [people.termIds[tagNames.length + 1]!, people.termIds[tagNames.length + 3]!];

    const pool = pools(rng, core.formatter);
    const total = Math.max(options.totalComments ?? options.comments, options.comments);
    const perPost = options.posts > 1 ? (total - options.comments) / (options.posts - 1) : 0;
    const essays = options.essays ?? 30;
    const now = Date.now();
    const slugs: string[] = [];
    let words = 0;
    let postsInTag = 0;
    let written = 0;
    let commentsWritten = 0;
    let ordinaryComments = 0;
    let deepest = 0;
    let batch: BatchPost[] = [];

    const flush = async () => {
      if (batch.length === 0) return;
      await writeImportBatch(core.storage, { source: SOURCE, posts: batch, comments: [] });
      written += batch.length;
      batch = [];
      if (written % 10_000 === 0 || written === options.posts)
        progress(
          `  ${written} posts, ${commentsWritten} comments (${((Date.now() - started) / 1000).toFixed(0)} s)`,
        );
    };

    for (let i = 0; i < options.posts; i++) {
      // The discussion post is the newest but one, so it is on the home page as a reader finds it.
      const isDiscussion = i === options.posts - 2 || (options.posts === 1 && i === 0);
      const isEssay = isDiscussion || i >= options.posts - essays;
      const language: Language = i % 3 === 1 ? 'ru' : 'en';
      const heading = title(rng, language);
      const slug = isDiscussion
        ? DISCUSSION_SLUG
        : `${slugify(heading).slice(0, 60).replace(/-+$/, '')}-${i + 1}`;
      const inTag = isDiscussion || i % 3 !== 2;
      const tags = [...(inTag ? [0] : []), 1 + between(rng, 0, 7), 1 + between(rng, 0, 7)];
      let body: { source: string; html: string; words: number };
      if (isEssay) {
        const source = essay(rng, language, between(rng, 1800, 4200), slugs.slice(-30));
        body = { source, html: core.formatter.post(source), words: source.split(/\s+/).length };
      } else {
        body = pool.bodies[between(rng, 0, POOL - 1)]!;
      }
      const publishedAt = new Date(now - (options.posts - i) * 3 * HOUR - between(rng, 0, 120) * 60 * 1000);
      const post: NewPost = {
        type: 'post',
        status: 'published',
        slug,
        title: isEssay ? heading : `${heading} (${i + 1})`,
        source: body.source,
        format: 'markdown',
        html: body.html,
        excerpt: i % 2 === 0 ? '' : title(rng, language),
        authorId: author.value.id,
        image: null,
        commentStatus: 'open',
        sticky: false,
        publishedAt,
      };
      let comments: BatchComment[];
      if (isDiscussion) {
        const thread = discussion(rng, core.formatter, publishedAt, options);
        comments = thread.comments;
        deepest = thread.deepest;
      } else {
        // A few comments each, varying around the mean so the site's total comes out exact.
        const target = Math.round(perPost * (i + 1)) - Math.round(perPost * i);
        const jitter = perPost >= 2 ? (i % 5) - 2 : 0;
        const left = total - options.comments - ordinaryComments;
        const count = i === options.posts - 1 ? left : Math.max(0, Math.min(left, target + jitter));
        ordinaryComments += count;
        comments = shortComments(rng, pool, publishedAt, count, i);
      }
      commentsWritten += comments.length;
      batch.push({
        sourceId: String(i + 1),
        post,
        termIds: [...new Set(tags.map((t) => tagIds[t]!)), categoryIds[language === 'ru' ? 1 : 0]!],
        aliases: [],
        comments,
      });
      slugs.push(slug);
      words += body.words;
      if (inTag) postsInTag++;
      if (batch.length >= BATCH_POSTS) await flush();
    }
    await flush();

    return {
      home: '/',
      post: `/${DISCUSSION_SLUG}/`,
      tag: `/tag/${slugify(TAG)}/`,
      feed: '/feed/',
      commentsFeed: '/comments/feed/',
      posts: options.posts,
      words,
      comments: options.comments,
      totalComments: commentsWritten,
      deepestComment: deepest,
      postsInTag,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await site.close();
  }
}

function approved(
  fields: Pick<NewComment, 'authorName' | 'authorEmail' | 'authorUrl' | 'source' | 'html' | 'createdAt'> & {
    ipHash: string;
    notifyReplies: boolean;
  },
): Omit<NewComment, 'postId' | 'parentId'> {
  return {
    kind: 'comment',
    status: 'approved',
    identityId: null,
    notifyPosts: false,
    heldReason: '',
    ...fields,
  };
}

const ipHash = (n: number) => (n * 2654435761).toString(16).padStart(64, '0').slice(-64);

/** `count` approved comments in threads: some top-level, most replies, one chain reaching `depth`. */
function discussion(
  rng: Rng,
  formatter: Formatter,
  since: Date,
  options: SeedOptions,
): { comments: BatchComment[]; deepest: number } {
  const comments: BatchComment[] = [];
  const depths: number[] = [];
  let at = since.getTime() + 40 * 60 * 1000;
  for (let i = 0; i < options.comments; i++) {
    // The first thread goes straight down to the deepest level; after that, a mix.
    const candidates = depths.map((d, index) => ({ d, index })).filter((c) => c.d < options.depth);
    const parent =
      i > 0 && i < options.depth
        ? i - 1
        : i === 0 || rng() < 0.3
          ? undefined
          : pick(rng, candidates.slice(-12)).index;
    const language: Language = rng() < 0.45 ? 'ru' : 'en';
    const source = commentText(rng, language);
    at += between(rng, 2, 90) * 60 * 1000;
    comments.push({
      sourceId: `d${i}`,
      parent: parent === undefined ? null : { index: parent },
      comment: approved({
        authorName: pick(rng, COMMENTERS),
        authorEmail: `reader${between(rng, 1, 40)}@example.org`,
        authorUrl: rng() < 0.2 ? 'https://example.org/blog' : '',
        source,
        html: formatter.comment(source),
        ipHash: ipHash(i),
        notifyReplies: rng() < 0.3,
        createdAt: new Date(Math.min(at, Date.now() - 1000)),
      }),
    });
    depths.push(parent === undefined ? 1 : depths[parent]! + 1);
  }
  return { comments, deepest: Math.max(0, ...depths) };
}

/** A few comments from the pool under an ordinary post, some of them replies. */
function shortComments(rng: Rng, pool: Pools, since: Date, count: number, post: number): BatchComment[] {
  const comments: BatchComment[] = [];
  let at = since.getTime();
  for (let i = 0; i < count; i++) {
    const text = pool.comments[between(rng, 0, POOL - 1)]!;
    at += between(rng, 5, 600) * 60 * 1000;
    const reply = i > 0 && rng() < 0.3;
    comments.push({
      sourceId: `${post}-${i}`,
      parent: reply ? { index: between(rng, 0, i - 1) } : null,
      comment: approved({
        authorName: pick(rng, COMMENTERS),
        authorEmail: `reader${between(rng, 1, 5000)}@example.org`,
        authorUrl: '',
        source: text.source,
        html: text.html,
        ipHash: ipHash(post * 64 + i),
        notifyReplies: false,
        createdAt: new Date(Math.min(at, Date.now() - 1000)),
      }),
    });
  }
  return comments;
}

// `node bench/seed.ts --size small|large DATA_DIR [DATABASE_URL]`: a site to look at or measure by hand.
if (import.meta.main) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--size');
  const size = at >= 0 ? args.splice(at, 2)[1] : 'small';
  const [dataDir, databaseUrl] = args;
  if ((size !== 'small' && size !== 'large') || !dataDir) {
    console.error('usage: node bench/seed.ts --size small|large DATA_DIR [DATABASE_URL]');
    process.exit(2);
  }
  const seeded = await seedSite({ size, dataDir, databaseUrl, progress: (line) => console.error(line) });
  console.log(JSON.stringify(seeded, null, 2));
}
