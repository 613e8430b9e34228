import { describe, expect, it } from 'vitest';
import { affects } from './affects.ts';
import { SITE_EVENT_TYPES, type PostState, type SiteEvent, type SiteEventType } from './events.ts';
import { pageTags, resourceKey } from './resources.ts';

const keys = (event: SiteEvent) => affects(event).map(resourceKey).sort();

const essay: PostState = {
  type: 'post',
  status: 'published',
  visible: true,
  slug: 'steppe-elections',
  title: 'Steppe elections',
  publishedAt: '2024-03-05T10:00:00.000Z',
  authorId: 3,
  tagIds: [7, 8],
  categoryIds: [2],
  commentStatus: 'open',
  sticky: false,
};
const draft: PostState = { ...essay, status: 'draft', visible: false };
const scheduled: PostState = { ...essay, publishedAt: '2030-01-01T00:00:00.000Z', visible: false };

const everythingOf = (s: PostState) => {
  const [y, m, d] = s.publishedAt.slice(0, 10).split('-');
  return [
    `archive:${y}`,
    `archive:${y}-${m}`,
    `archive:${y}-${m}-${d}`,
    `author:${s.authorId}`,
    ...s.categoryIds.map((id) => `category:${id}`),
    ...s.categoryIds.map((id) => `feed:category:${id}`),
    `feed:author:${s.authorId}`,
    ...s.tagIds.map((id) => `feed:tag:${id}`),
    'home',
    ...s.tagIds.map((id) => `related:${id}`),
    ...s.tagIds.map((id) => `tag:${id}`),
  ];
};
const ownPublic = [
  'feed:comments',
  'feed:post:1',
  'feed:site',
  'links:1',
  'post:1',
  'search',
  'sitemap',
  'summary:1',
];
const sorted = (list: string[]) => [...new Set(list)].sort();

describe('what a post event changes for readers', () => {
  it('a draft created or edited changes nothing public', () => {
    expect(keys({ type: 'post.created', postId: 1, after: draft })).toEqual([]);
    expect(
      keys({ type: 'post.updated', postId: 1, before: draft, after: { ...draft, title: 'New' } }),
    ).toEqual([]);
    expect(keys({ type: 'post.created', postId: 1, after: scheduled })).toEqual([]);
  });

  it('a post created in public enters its page, feeds, listings, archives, sitemap and search, and its new neighbours', () => {
    expect(keys({ type: 'post.created', postId: 1, after: essay })).toEqual(
      sorted([...ownPublic, ...everythingOf(essay), 'neighbours:1']),
    );
  });

  it('publishing (by hand or when the schedule comes) is the same entry as creating in public', () => {
    const published = keys({ type: 'post.published', postId: 1, before: scheduled, after: essay });
    expect(published).toEqual(keys({ type: 'post.created', postId: 1, after: essay }));
  });

  it('unpublishing leaves everything it was in; its old neighbours are found through links:, not guessed', () => {
    expect(keys({ type: 'post.unpublished', postId: 1, before: essay, after: draft })).toEqual(
      sorted([...ownPublic, ...everythingOf(essay)]),
    );
  });

  it('deleting a public post is leaving; deleting a draft changes nothing', () => {
    expect(keys({ type: 'post.deleted', postId: 1, before: essay })).toEqual(
      sorted([...ownPublic, ...everythingOf(essay)]),
    );
    expect(keys({ type: 'post.deleted', postId: 1, before: draft })).toEqual([]);
  });

  it('a correction in place reaches its page, feeds and the pages showing it, not every listing page', () => {
    const corrected = { ...essay, title: 'Steppe elections, corrected' };
    expect(keys({ type: 'post.updated', postId: 1, before: essay, after: corrected })).toEqual(
      sorted([...ownPublic, 'feed:author:3', 'feed:category:2', 'feed:tag:7', 'feed:tag:8']),
    );
    // Body only: the comments feed (which shows titles) stays.
    expect(keys({ type: 'post.updated', postId: 1, before: essay, after: { ...essay } })).not.toContain(
      'feed:comments',
    );
  });

  it('new tags, a new author or a new date leave the old listings and enter the new ones', () => {
    const moved: PostState = {
      ...essay,
      tagIds: [8, 9],
      authorId: 4,
      publishedAt: '2023-12-31T23:00:00.000Z',
    };
    const got = keys({ type: 'post.updated', postId: 1, before: essay, after: moved });
    expect(got).toEqual(
      sorted([
        ...ownPublic.filter((k) => k !== 'feed:comments'),
        ...everythingOf(essay),
        ...everythingOf(moved),
        'neighbours:1',
      ]),
    );
    for (const key of ['tag:7', 'tag:9', 'author:3', 'author:4', 'archive:2023-12', 'archive:2024-03'])
      expect(got).toContain(key);
  });

  it('a sticky flag moves it on the listings without a new date or neighbours', () => {
    const got = keys({ type: 'post.updated', postId: 1, before: essay, after: { ...essay, sticky: true } });
    expect(got).toContain('home');
    expect(got).not.toContain('neighbours:1');
  });

  it('a page is not on listings or the site feed, but has its page, sitemap entry and search', () => {
    const page: PostState = { ...essay, type: 'page', tagIds: [], categoryIds: [] };
    expect(keys({ type: 'post.created', postId: 1, after: page })).toEqual(
      sorted(['feed:comments', 'feed:post:1', 'links:1', 'post:1', 'search', 'sitemap', 'summary:1']),
    );
  });
});

describe('what a comment event changes for readers', () => {
  const facts = { commentId: 5, postId: 1, parentId: null };
  const discussion = ['feed:comments', 'feed:post:1', 'post:1', 'summary:1'];

  it('a comment held or kept as spam changes nothing; an approved one changes the discussion and counts', () => {
    expect(keys({ type: 'comment.created', ...facts, status: 'pending' })).toEqual([]);
    expect(keys({ type: 'comment.created', ...facts, status: 'spam' })).toEqual([]);
    expect(keys({ type: 'comment.created', ...facts, status: 'approved' })).toEqual(discussion);
  });

  it('moderation counts only when a comment crosses into or out of the public', () => {
    expect(keys({ type: 'comment.approved', ...facts, from: 'pending', to: 'approved' })).toEqual(discussion);
    expect(keys({ type: 'comment.restored', ...facts, from: 'trash', to: 'approved' })).toEqual(discussion);
    expect(keys({ type: 'comment.unapproved', ...facts, from: 'approved', to: 'pending' })).toEqual(
      discussion,
    );
    expect(keys({ type: 'comment.spammed', ...facts, from: 'approved', to: 'spam' })).toEqual(discussion);
    expect(keys({ type: 'comment.trashed', ...facts, from: 'approved', to: 'trash' })).toEqual(discussion);
    expect(keys({ type: 'comment.spammed', ...facts, from: 'pending', to: 'spam' })).toEqual([]);
    expect(keys({ type: 'comment.trashed', ...facts, from: 'spam', to: 'trash' })).toEqual([]);
    expect(keys({ type: 'comment.restored', ...facts, from: 'spam', to: 'pending' })).toEqual([]);
  });

  it('an edit or a deletion counts only for a comment readers could see', () => {
    expect(keys({ type: 'comment.edited', ...facts, status: 'approved' })).toEqual(discussion);
    expect(keys({ type: 'comment.edited', ...facts, status: 'pending' })).toEqual([]);
    expect(keys({ type: 'comment.deleted', ...facts, from: 'approved' })).toEqual(discussion);
    expect(keys({ type: 'comment.deleted', ...facts, from: 'trash' })).toEqual([]);
  });

  it('comments closing by the clock change the post page (the form goes), if readers can see it', () => {
    expect(keys({ type: 'comments.closed', postId: 1, visible: true })).toEqual(['post:1']);
    expect(keys({ type: 'comments.closed', postId: 1, visible: false })).toEqual([]);
  });
});

describe('what the site, its people and its terms change', () => {
  it('a setting readers see changes every page; moderation rules and the secret change none', () => {
    expect(keys({ type: 'settings.changed', keys: ['title'] })).toEqual(['site']);
    expect(keys({ type: 'settings.changed', keys: ['blockedWords', 'holdLinkCount', '_secret'] })).toEqual(
      [],
    );
    expect(keys({ type: 'settings.changed', keys: ['commentRateLimit', 'postsPerPage'] })).toEqual(['site']);
  });

  it('a new user shows nowhere; a new name shows on their bylines, page and feed', () => {
    expect(keys({ type: 'user.created', userId: 3, login: 'aigerim', role: 'author' })).toEqual([]);
    expect(keys({ type: 'user.changed', userId: 3, keys: ['role', 'email'] })).toEqual([]);
    expect(keys({ type: 'user.changed', userId: 3, keys: ['displayName'] })).toEqual([
      'author:3',
      'feed:author:3',
      'user:3',
    ]);
    expect(keys({ type: 'user.changed', userId: 3, keys: ['login'] })).toContain('sitemap');
  });

  it('a new term shows nowhere; a renamed one on every page naming it, and a new slug in the sitemap', () => {
    const base = { type: 'term.changed', termId: 7, taxonomy: 'tag' } as const;
    expect(keys({ ...base, before: null, after: { slug: 'saylau', name: 'Сайлау' } })).toEqual([]);
    expect(
      keys({
        ...base,
        before: { slug: 'saylau', name: 'Сайлау' },
        after: { slug: 'saylau', name: 'Сайлау 2024' },
      }),
    ).toEqual(['feed:tag:7', 'tag:7', 'term:7']);
    expect(
      keys({
        ...base,
        before: { slug: 'saylau', name: 'Сайлау' },
        after: { slug: 'сайлау', name: 'Сайлау' },
      }),
    ).toEqual(['feed:tag:7', 'sitemap', 'tag:7', 'term:7']);
  });

  it('media alone shows nowhere; the welcome content and a visible import batch change the whole site', () => {
    expect(keys({ type: 'media.created', mediaId: 4 })).toEqual([]);
    expect(keys({ type: 'site.welcomed', postId: 1, commentId: 1, userId: 1 })).toEqual(['site']);
    const batch: Omit<Extract<SiteEvent, { type: 'import.batch' }>, 'visible'> = {
      type: 'import.batch',
      source: 'https://old.example',
      postIds: [1, 2],
      commentedPostIds: [2],
    };
    expect(keys({ ...batch, visible: true })).toEqual(['site']);
    expect(keys({ ...batch, visible: false })).toEqual([]);
  });
});

describe('every event type', () => {
  const seen = new Set<SiteEventType>();
  const samples: SiteEvent[] = [
    { type: 'post.created', postId: 1, after: essay },
    { type: 'post.updated', postId: 1, before: essay, after: essay },
    { type: 'post.published', postId: 1, before: draft, after: essay },
    { type: 'post.unpublished', postId: 1, before: essay, after: draft },
    { type: 'post.deleted', postId: 1, before: essay },
    { type: 'comment.created', commentId: 1, postId: 1, parentId: null, status: 'approved' },
    { type: 'comment.approved', commentId: 1, postId: 1, parentId: null, from: 'pending', to: 'approved' },
    { type: 'comment.unapproved', commentId: 1, postId: 1, parentId: null, from: 'approved', to: 'pending' },
    { type: 'comment.spammed', commentId: 1, postId: 1, parentId: null, from: 'approved', to: 'spam' },
    { type: 'comment.trashed', commentId: 1, postId: 1, parentId: null, from: 'approved', to: 'trash' },
    { type: 'comment.restored', commentId: 1, postId: 1, parentId: null, from: 'trash', to: 'approved' },
    { type: 'comment.edited', commentId: 1, postId: 1, parentId: null, status: 'approved' },
    { type: 'comment.deleted', commentId: 1, postId: 1, parentId: null, from: 'approved' },
    { type: 'comments.closed', postId: 1, visible: true },
    { type: 'settings.changed', keys: ['title'] },
    { type: 'user.created', userId: 1, login: 'a', role: 'author' },
    { type: 'user.changed', userId: 1, keys: ['bio'] },
    {
      type: 'term.changed',
      termId: 1,
      taxonomy: 'category',
      before: { slug: 'a', name: 'A' },
      after: { slug: 'a', name: 'B' },
    },
    { type: 'media.created', mediaId: 1 },
    { type: 'site.welcomed', postId: 1, commentId: 1, userId: 1 },
    { type: 'import.batch', source: 'x', postIds: [1], commentedPostIds: [], visible: true },
  ];

  it('is tested above, and every key is usable as a Cache-Tag value', () => {
    for (const event of samples) {
      seen.add(event.type);
      for (const key of keys(event)) expect(key).toMatch(/^[a-z0-9:-]+$/);
    }
    expect([...seen].sort()).toEqual([...SITE_EVENT_TYPES].sort());
  });
});

describe('the dependency tags a page records', () => {
  it('a post page names itself, what it links, the tags its related posts came from, its terms and author', () => {
    expect(
      pageTags({
        self: { kind: 'post', id: 1 },
        links: [4, 9, 12],
        relatedFrom: [7, 8],
        terms: [7, 8, 2],
        users: [3],
      }),
    ).toEqual([
      'post:1',
      'links:4',
      'links:9',
      'links:12',
      'related:7',
      'related:8',
      'term:7',
      'term:8',
      'term:2',
      'user:3',
      'site',
    ]);
  });

  it("a listing page names its listing and each post it shows, so a post's change finds the pages holding it", () => {
    const tags = pageTags({ self: { kind: 'listing', what: 'tag', id: 7 }, summaries: [1, 2], terms: [7] });
    expect(tags).toEqual(['tag:7', 'summary:1', 'summary:2', 'term:7', 'site']);
    // A comment approved on post 1 reaches this page through summary:1.
    const stale = keys({
      type: 'comment.approved',
      commentId: 5,
      postId: 1,
      parentId: null,
      from: 'pending',
      to: 'approved',
    });
    expect(stale.filter((k) => tags.includes(k))).toEqual(['summary:1']);
  });

  it('the old neighbours of a post that leaves are found by the links: tag they recorded', () => {
    const neighbour = pageTags({ self: { kind: 'post', id: 2 }, links: [1, 3] });
    const stale = keys({ type: 'post.unpublished', postId: 1, before: essay, after: draft });
    expect(stale.filter((k) => neighbour.includes(k))).toEqual(['links:1']);
  });
});
