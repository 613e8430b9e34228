import type { NewComment } from '../../core/comments/comment.ts';
import type { Storage } from '../../core/ports/storage.ts';
import type { NewPost } from '../../core/posts/post.ts';
import type { NewUser, User } from '../../core/users/user.ts';

/** Text a Kazakh, Russian or Arabic writer actually types: every script must survive a round trip. */
export const TEXT = {
  russian: 'Свобода слова — не роскошь. «Кавычки» и ё',
  kazakh: 'Әділет ғылым қала аң өмір ұлт үміт һәм іс — ӘҒҚҢӨҰҮҺІ',
  arabic: 'حرية التعبير ليست ترفاً',
  emoji: '📰✊🏽🇰🇿 👩‍👩‍👧 é (e + combining accent)',
};

/** Dates with milliseconds that a lossy representation (seconds, floats, local time) would bend. */
export const DATES = {
  early: new Date('1999-12-31T23:59:59.999Z'),
  mid: new Date('2024-03-05T07:08:09.123Z'),
  late: new Date('2024-03-05T07:08:09.124Z'),
};

/** "now" for listings: every fixture below is before it unless a test says otherwise. */
export const NOW = new Date('2025-01-01T00:00:00.000Z');

let counter = 0;
const unique = () => `${Date.now().toString(36)}-${(counter++).toString(36)}`;

export function newUser(overrides: Partial<NewUser> = {}): NewUser {
  const id = unique();
  return {
    login: `writer-${id}`,
    email: `writer-${id}@example.org`,
    displayName: 'Writer',
    bio: '',
    role: 'author',
    passwordHash: null,
    ...overrides,
  };
}

export function newPost(authorId: number, overrides: Partial<NewPost> = {}): NewPost {
  return {
    type: 'post',
    status: 'published',
    slug: `post-${unique()}`,
    title: 'A post',
    source: 'Body',
    format: 'markdown',
    html: '<p>Body</p>',
    excerpt: '',
    authorId,
    image: null,
    commentStatus: 'open',
    sticky: false,
    publishedAt: DATES.mid,
    ...overrides,
  };
}

export function newComment(postId: number, overrides: Partial<NewComment> = {}): NewComment {
  return {
    postId,
    parentId: null,
    kind: 'comment',
    status: 'approved',
    authorName: 'Reader',
    authorEmail: 'reader@example.org',
    authorUrl: '',
    identityId: null,
    source: 'A comment',
    html: '<p>A comment</p>',
    ipHash: 'hash',
    notifyReplies: false,
    notifyPosts: false,
    heldReason: '',
    createdAt: DATES.mid,
    ...overrides,
  };
}

/** A user to author posts, since every post needs one. */
export function author(storage: Storage): Promise<User> {
  return storage.users.create(newUser());
}

/** A date `minutes` after DATES.mid, for ordering tests. */
export function minutesAfter(minutes: number): Date {
  return new Date(DATES.mid.getTime() + minutes * 60_000);
}
