/**
 * Seeds the benchmark's site through the project's own use cases and repositories (no SQL): one author,
 * a run of long essays in English and Russian sharing tags, and one post with a threaded discussion.
 */
import { openSite } from '../src/boot/site.ts';
import { loadConfig } from '../src/config/load.ts';
import type { Comment } from '../src/core/comments/comment.ts';
import { readPostDraft } from '../src/core/posts/post-file.ts';
import { publishPost } from '../src/core/posts/publish.ts';
import { slugify } from '../src/core/posts/slug.ts';
import { addUser } from '../src/core/users/add-user.ts';
import { between, commentText, essay, pick, random, title, type Language, type Rng } from './text.ts';

export interface SeedOptions {
  posts: number;
  comments: number;
  /** Deepest reply level in the discussion (1 = top level); the site's default thread depth is 5. */
  depth: number;
  seed: number;
}

export interface SeededSite {
  /** Paths of the three pages measured. */
  home: string;
  post: string;
  tag: string;
  posts: number;
  words: number;
  comments: number;
  deepestComment: number;
  postsInTag: number;
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
const DISCUSSION_SLUG = 'the-amendment-and-its-readers';
const DAY = 24 * 60 * 60 * 1000;

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

export async function seedSite(dataDir: string, options: SeedOptions): Promise<SeededSite> {
  const site = await openSite(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error' }));
  try {
    const deps = { ...site.core, images: site.images };
    const rng = random(options.seed);
    const author = await addUser(deps, {
      login: 'writer',
      email: 'writer@example.org',
      displayName: 'Анна Ковалёва',
      role: 'owner',
      bio: 'Writes about courts, elections and the people in between.',
    });
    if (!author.ok) throw new Error(`seeding the author: ${JSON.stringify(author.error)}`);

    const now = Date.now();
    const slugs: string[] = [];
    let words = 0;
    let postsInTag = 0;
    let discussionPostId = 0;
    let discussionDate = new Date();
    for (let i = 0; i < options.posts; i++) {
      // The discussion post is the newest but one, so it is on the home page as a reader finds it.
      const isDiscussion = i === options.posts - 2;
      const language: Language = i % 3 === 1 ? 'ru' : 'en';
      const heading = title(rng, language);
      const slug = isDiscussion
        ? DISCUSSION_SLUG
        : `${slugify(heading).slice(0, 60).replace(/-+$/, '')}-${i + 1}`;
      const inTag = isDiscussion || i % 3 !== 2;
      const tags = [...(inTag ? [TAG] : []), pick(rng, OTHER_TAGS), pick(rng, OTHER_TAGS)];
      const body = essay(rng, language, between(rng, 1800, 4200), slugs);
      const date = new Date(now - (options.posts - i) * 3 * DAY - between(rng, 0, 20) * 60 * 60 * 1000);
      const draft = readPostDraft(
        {
          title: heading,
          slug,
          date: date.toISOString(),
          author: 'writer',
          tags,
          categories: [language === 'ru' ? 'Мир > Центральная Азия' : 'World > Central Asia'],
          excerpt: i % 2 === 0 ? '' : title(rng, language),
        },
        body,
      );
      if (!draft.ok) throw new Error(`seeding post ${i + 1}: ${draft.error.join('; ')}`);
      const published = await publishPost(deps, draft.value, null);
      if (!published.ok) throw new Error(`seeding post ${i + 1}: ${JSON.stringify(published.error)}`);
      slugs.push(slug);
      words += body.split(/\s+/).length;
      if (inTag) postsInTag++;
      if (isDiscussion) {
        discussionPostId = published.value.post.id;
        discussionDate = date;
      }
    }

    const deepest = await seedDiscussion(site.core, rng, discussionPostId, discussionDate, options);
    return {
      home: '/',
      post: `/${DISCUSSION_SLUG}/`,
      tag: `/tag/${slugify(TAG)}/`,
      posts: options.posts,
      words,
      comments: options.comments,
      deepestComment: deepest,
      postsInTag,
    };
  } finally {
    await site.close();
  }
}

/** `count` approved comments in threads: some top-level, most replies, one chain reaching `depth`. */
async function seedDiscussion(
  core: Awaited<ReturnType<typeof openSite>>['core'],
  rng: Rng,
  postId: number,
  since: Date,
  options: SeedOptions,
): Promise<number> {
  const created: { comment: Comment; depth: number }[] = [];
  let at = since.getTime() + 40 * 60 * 1000;
  for (let i = 0; i < options.comments; i++) {
    // The first thread goes straight down to the deepest level; after that, a mix.
    const chain = i < options.depth ? created.at(-1) : undefined;
    const candidates = created.filter((c) => c.depth < options.depth);
    const parent = chain ?? (i === 0 || rng() < 0.3 ? undefined : pick(rng, candidates.slice(-12)));
    const language: Language = rng() < 0.45 ? 'ru' : 'en';
    const source = commentText(rng, language);
    const name = pick(rng, COMMENTERS);
    at += between(rng, 2, 90) * 60 * 1000;
    const comment = await core.storage.comments.create({
      postId,
      parentId: parent?.comment.id ?? null,
      kind: 'comment',
      status: 'approved',
      authorName: name,
      authorEmail: `reader${between(rng, 1, 40)}@example.org`,
      authorUrl: rng() < 0.2 ? 'https://example.org/blog' : '',
      identityId: null,
      source,
      html: core.formatter.comment(source),
      ipHash: (i * 2654435761).toString(16).padStart(64, '0').slice(-64),
      notifyReplies: rng() < 0.3,
      notifyPosts: false,
      heldReason: '',
      createdAt: new Date(Math.min(at, Date.now() - 1000)),
    });
    created.push({ comment, depth: parent ? parent.depth + 1 : 1 });
  }
  return Math.max(...created.map((c) => c.depth));
}
