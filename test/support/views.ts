import type { Comment } from '../../src/core/comments/comment.ts';
import type { PostSummary } from '../../src/core/posts/post.ts';
import type { Media } from '../../src/core/site/media.ts';
import { DEFAULT_SETTINGS, type Language } from '../../src/core/site/settings.ts';
import type { Term } from '../../src/core/site/terms.ts';
import type { User } from '../../src/core/users/user.ts';
import type {
  CommentNode,
  ListPageView,
  NotFoundView,
  PostLink,
  PostPageView,
  SiteView,
} from '../../src/render/views.ts';

/** Sample view data for render/'s tests and for looking at pages by eye; not used by the app. */

export const DATE = new Date('2024-03-03T14:05:00Z');

export function site(language: Language = 'en'): SiteView {
  return {
    settings: { ...DEFAULT_SETTINGS, title: 'Dispatches', tagline: 'Notes on power and the press', language },
    baseUrl: 'https://example.org',
  };
}

export const author: User = {
  id: 1,
  login: 'aigerim',
  email: 'aigerim@example.org',
  displayName: 'Aigerim Nurlanovna',
  bio: 'Writes about courts and elections.',
  role: 'owner',
  passwordHash: null,
  createdAt: DATE,
};

export const image: Media = {
  id: 7,
  path: '2024/03/square.jpg',
  mime: 'image/jpeg',
  width: 2400,
  height: 1350,
  bytes: 500_000,
  variants: [
    { path: '2024/03/square-800.jpg', width: 800, height: 450, mime: 'image/jpeg' },
    { path: '2024/03/square-1600.jpg', width: 1600, height: 900, mime: 'image/jpeg' },
    { path: '2024/03/square-800.webp', width: 800, height: 450, mime: 'image/webp' },
    { path: '2024/03/square-1600.webp', width: 1600, height: 900, mime: 'image/webp' },
  ],
  createdAt: DATE,
};

export const terms: Term[] = [
  { id: 1, taxonomy: 'category', slug: 'analysis', name: 'Analysis', parentId: null, description: '' },
  { id: 2, taxonomy: 'tag', slug: 'elections', name: 'Elections', parentId: null, description: '' },
  { id: 3, taxonomy: 'tag', slug: 'courts', name: 'Courts', parentId: null, description: '' },
];

export function post(overrides: Partial<PostSummary> = {}): PostSummary {
  return {
    id: 42,
    type: 'post',
    status: 'published',
    slug: 'the-square',
    title: 'What happened on the square',
    format: 'markdown',
    html: '<p>The first paragraph of a long essay &amp; more.</p><h2>Context</h2><p>Second.</p><table><tr><td>1</td></tr></table><pre><code>x</code></pre>',
    excerpt: '',
    authorId: 1,
    image: { mediaId: 7, alt: 'A crowd on the square', caption: 'The square at noon.', credit: 'A. Reader' },
    commentStatus: 'open',
    sticky: false,
    publishedAt: DATE,
    createdAt: DATE,
    updatedAt: DATE,
    guid: '',
    protected: false,
    commentCount: 3,
    ...overrides,
  };
}

export function postLink(overrides: Partial<PostSummary> = {}): PostLink {
  const p = post(overrides);
  return { post: p, url: `/${p.slug}/`, author, image, terms };
}

export function comment(id: number, overrides: Partial<Comment> = {}): Comment {
  return {
    id,
    postId: 42,
    parentId: null,
    kind: 'comment',
    status: 'approved',
    authorName: `Reader ${id}`,
    authorEmail: `reader${id}@example.org`,
    authorUrl: '',
    identityId: null,
    source: 'Thanks',
    html: `<p>Comment number ${id}</p>`,
    ipHash: 'x',
    notifyReplies: false,
    notifyPosts: false,
    heldReason: '',
    createdAt: DATE,
    ...overrides,
  };
}

export function node(
  c: Comment,
  children: CommentNode[] = [],
  extra: Partial<CommentNode> = {},
): CommentNode {
  return {
    comment: c,
    depth: 1,
    children,
    held: false,
    canReply: true,
    avatarSeed: `seed-${c.id}`,
    ...extra,
  };
}

/** A thread of three: 1, with 2 replying to it, and 3 at the top level. */
export function thread(): CommentNode[] {
  const reply = node(comment(2, { parentId: 1 }), [], { depth: 2 });
  return [node(comment(1, { authorUrl: 'https://reader.example' }), [reply]), node(comment(3))];
}

export function postPage(overrides: Partial<PostPageView> = {}, language: Language = 'en'): PostPageView {
  return {
    site: site(language),
    post: postLink(),
    thread: thread(),
    commentCount: 3,
    form: { postId: 42, action: '/comments', token: 'tok.en', replyTo: null, open: true, state: null },
    path: '/the-square/',
    ...overrides,
  };
}

export function listPage(overrides: Partial<ListPageView> = {}, language: Language = 'en'): ListPageView {
  return {
    site: site(language),
    kind: 'home',
    heading: '',
    description: '',
    posts: [postLink(), postLink({ id: 43, slug: 'second', title: 'Second', commentCount: 1 })],
    page: 1,
    totalPages: 1,
    basePath: '/',
    ...overrides,
  };
}

export function notFoundPage(language: Language = 'en'): NotFoundView {
  return { site: site(language), path: '/missing/', recent: [postLink()] };
}
