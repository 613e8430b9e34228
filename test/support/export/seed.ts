import type { Comment, NewComment } from '../../../src/core/comments/comment.ts';
import type { Storage } from '../../../src/core/ports/storage.ts';
import type { NewPost, Post } from '../../../src/core/posts/post.ts';
import type { Term } from '../../../src/core/site/terms.ts';
import type { User } from '../../../src/core/users/user.ts';
import { newComment } from '../../../src/storage/contract/fixtures.ts';

/** Text that must come out of an export exactly as it went in. */
export const TEXT = {
  russian: 'Свобода слова — не роскошь. «Кавычки» и ё',
  kazakh: 'Әділет ғылым қала аң өмір ұлт үміт — ӘҒҚҢӨҰҮҺІ',
  arabic: 'حرية التعبير ليست ترفاً',
  hebrew: 'חופש הביטוי',
  emoji: '📰✊🏽🇰🇿 👩‍👩‍👧',
  /** Ends a CDATA section if written naively; `&` and `<` break plain text. */
  breaker: 'a ]]> b ]]]]> c <b>&amp; & <![CDATA[ d',
  /**
   * Characters XML 1.0 forbids even as references. (NUL and lone surrogate halves cannot be stored
   * at all, PostgreSQL refuses them, so xml.test.ts covers those.)
   */
  forbidden: 'bell\u0007 esc\u001b vt\u000b noncharacter\uffff\ufffe',
};

export interface Seeded {
  owner: User;
  guest: User;
  categories: { world: Term; asia: Term };
  tag: Term;
  posts: { essay: Post; page: Post; html: Post; draft: Post; scheduled: Post; hidden: Post; trashed: Post };
  thread: {
    root: Comment;
    reply: Comment;
    deep: Comment;
    pending: Comment;
    spam: Comment;
    trash: Comment;
    ping: Comment;
  };
  secretEmail: string;
}

const at = (iso: string) => new Date(iso);

function post(authorId: number, fields: Partial<NewPost> & Pick<NewPost, 'slug' | 'title'>): NewPost {
  return {
    type: 'post',
    status: 'published',
    source: 'Body',
    format: 'markdown',
    html: '<p>Body</p>',
    excerpt: '',
    authorId,
    image: null,
    commentStatus: 'open',
    sticky: false,
    publishedAt: at('2024-03-05T07:08:09.000Z'),
    ...fields,
  };
}

function comment(postId: number, fields: Partial<NewComment>): NewComment {
  return newComment(postId, {
    ipHash: 'IPHASH-must-never-leave-the-site',
    createdAt: at('2024-03-06T10:00:00.000Z'),
    ...fields,
  });
}

async function seedPosts(storage: Storage, owner: User, guest: User): Promise<Seeded['posts']> {
  const photo = await storage.media.create({
    path: '2024/03/фото-степь.jpg',
    mime: 'image/jpeg',
    width: 1200,
    height: 800,
    bytes: 1234,
    variants: [{ path: '2024/03/фото-степь-480.webp', width: 480, height: 320, mime: 'image/webp' }],
  });
  const image = {
    mediaId: photo.id,
    alt: `Очередь ${TEXT.kazakh}`,
    caption: TEXT.arabic,
    credit: 'Фото: А. Репортёр',
  };
  const create = (fields: Partial<NewPost> & Pick<NewPost, 'slug' | 'title'>) =>
    storage.posts.create(post(owner.id, fields));
  return {
    essay: await create({
      slug: 'степные-выборы',
      title: `${TEXT.russian} ${TEXT.forbidden}`,
      source: `${TEXT.russian}\n\n${TEXT.arabic}`,
      html: `<p>${TEXT.russian}</p><p dir="rtl">${TEXT.arabic}</p><pre>${TEXT.breaker}</pre>`,
      excerpt: `${TEXT.hebrew} ${TEXT.breaker}`,
      image,
      sticky: true,
    }),
    page: await create({ type: 'page', slug: 'about', title: `О нас ${TEXT.emoji}`, authorId: guest.id }),
    html: await create({
      slug: 'imported',
      title: 'Imported from WordPress',
      format: 'html',
      // The sanitizer drops block comments from the HTML readers get; the source keeps them.
      source: '<!-- wp:paragraph --><p>As it came from <em>WordPress</em></p><!-- /wp:paragraph -->',
      html: '<p>As it came from <em>WordPress</em></p>',
      image,
      commentStatus: 'closed',
    }),
    draft: await create({ slug: 'draft', title: 'Draft', status: 'draft' }),
    scheduled: await create({
      slug: 'later',
      title: 'Later',
      status: 'scheduled',
      publishedAt: at('2030-01-01T00:00:00Z'),
    }),
    hidden: await create({ slug: 'private', title: 'Private', status: 'private' }),
    trashed: await create({ slug: 'trashed', title: 'Trashed', status: 'trash' }),
  };
}

/** A site with every kind of thing an export must carry, in every state. */
export async function seedSite(storage: Storage): Promise<Seeded> {
  const owner = await storage.users.create({
    login: 'dana',
    email: 'dana@example.kz',
    displayName: 'Дана Ахметова',
    bio: '',
    role: 'owner',
    passwordHash: '$argon2id$v=19$PASSWORD-HASH-must-never-leave-the-site',
  });
  const guest = await storage.users.create({
    login: 'guest-writer',
    email: 'guest@example.org',
    displayName: TEXT.arabic,
    bio: '',
    role: 'author',
    passwordHash: null,
  });
  // The child first in name order, so a writer that lists by name alone puts it before its parent.
  const world = await storage.terms.ensure({
    taxonomy: 'category',
    slug: 'world',
    name: 'World',
    parentId: null,
    description: TEXT.breaker,
  });
  const asia = await storage.terms.ensure({
    taxonomy: 'category',
    slug: 'центральная-азия',
    name: 'Asia',
    parentId: world.id,
    description: '',
  });
  const tag = await storage.terms.ensure({
    taxonomy: 'tag',
    slug: 'қазақстан',
    name: 'Қазақстан',
    parentId: null,
    description: '',
  });
  const posts = await seedPosts(storage, owner, guest);
  await storage.posts.setTerms(posts.essay.id, [asia.id, tag.id]);
  await storage.posts.setTerms(posts.page.id, [world.id]);
  await storage.aliases.put('/2024/03/05/stepnye-vybory/', posts.essay.id);
  await storage.aliases.put('/?p=1234', posts.essay.id);

  const secretEmail = 'ғалым@мысал.қаз';
  const add = (fields: Partial<NewComment>) => storage.comments.create(comment(posts.essay.id, fields));
  const root = await add({
    authorName: TEXT.hebrew,
    authorEmail: secretEmail,
    authorUrl: 'https://example.kz/әдебиет?a=1&b=2',
    html: `<p dir="rtl">${TEXT.arabic}</p>`,
  });
  const reply = await add({
    parentId: root.id,
    html: `<p>${TEXT.breaker}</p>`,
    createdAt: at('2024-03-06T11:00:00Z'),
  });
  const deep = await add({
    parentId: reply.id,
    html: `<p>${TEXT.forbidden}</p>`,
    createdAt: at('2024-03-06T12:00:00Z'),
  });
  const pending = await add({ status: 'pending', heldReason: '2 links' });
  const spam = await add({ status: 'spam', parentId: root.id });
  const trash = await add({ status: 'trash' });
  const ping = await add({ kind: 'pingback', authorUrl: 'https://elsewhere.example/post/' });
  return {
    owner,
    guest,
    categories: { world, asia },
    tag,
    posts,
    thread: { root, reply, deep, pending, spam, trash, ping },
    secretEmail,
  };
}
