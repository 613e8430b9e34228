import { expect, it } from 'vitest';
import { ConflictError } from '../../core/ports/storage.ts';
import type { SiteEvent } from '../../core/events/events.ts';
import type { NewMedia } from '../../core/site/media.ts';
import { newUser, TEXT } from './fixtures.ts';
import type { ContractContext } from './posts.contract.ts';

/** Terms, users, settings, media, aliases and the outbox. */
export function siteContract(ctx: ContractContext): void {
  it('ensures a term once per taxonomy and slug, even when asked concurrently', async () => {
    const { storage } = ctx;
    const fields = {
      taxonomy: 'tag',
      slug: 'қазақстан',
      name: 'Қазақстан',
      parentId: null,
      description: TEXT.arabic,
    } as const;
    const first = await storage.terms.ensure(fields);
    expect(first).toEqual({ ...fields, id: first.id });
    const again = await storage.terms.ensure({ ...fields, name: 'Renamed', description: '' });
    expect(again).toEqual(first);
    const racing = await Promise.all(
      Array.from({ length: 5 }, () => storage.terms.ensure({ ...fields, slug: 'race', name: 'Race' })),
    );
    expect(new Set(racing.map((t) => t.id)).size).toBe(1);
    expect((await storage.terms.list('tag')).map((t) => t.slug).sort()).toEqual(['race', 'қазақстан']);
  });

  it('keeps tags and categories apart, and categories nest', async () => {
    const { storage } = ctx;
    const tag = await storage.terms.ensure({
      taxonomy: 'tag',
      slug: 'news',
      name: 'News',
      parentId: null,
      description: '',
    });
    const parent = await storage.terms.ensure({
      taxonomy: 'category',
      slug: 'news',
      name: 'News',
      parentId: null,
      description: '',
    });
    const child = await storage.terms.ensure({
      taxonomy: 'category',
      slug: 'local',
      name: 'Local',
      parentId: parent.id,
      description: '',
    });
    expect(tag.id).not.toBe(parent.id);
    expect(await storage.terms.findBySlug('tag', 'news')).toEqual(tag);
    expect(await storage.terms.findBySlug('category', 'local')).toEqual({ ...child, parentId: parent.id });
    expect(await storage.terms.findBySlug('tag', 'local')).toBeUndefined();
    expect((await storage.terms.list('category')).map((t) => t.slug)).toEqual(['local', 'news']);
    expect(await storage.terms.list('tag')).toEqual([tag]);
  });

  it('round-trips users and finds them by login or email in any letter case', async () => {
    const { storage } = ctx;
    const fields = newUser({
      login: 'ғалия',
      email: 'Galiya@Example.kz',
      displayName: TEXT.kazakh,
      bio: `${TEXT.arabic} ${TEXT.emoji}`,
      role: 'owner',
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$salt$hash',
    });
    const created = await storage.users.create(fields);
    expect(created).toMatchObject(fields);
    expect(Math.abs(created.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await storage.users.findById(created.id)).toEqual(created);
    expect(await storage.users.findByLogin('ҒАЛИЯ')).toEqual(created);
    expect(await storage.users.findByEmail('galiya@example.KZ')).toEqual(created);
    expect(await storage.users.findByLogin('nobody')).toBeUndefined();
    expect(await storage.users.findByEmail('')).toBeUndefined();
    const second = await storage.users.create(newUser());
    expect((await storage.users.list()).map((u) => u.id)).toEqual([created.id, second.id]);
  });

  it('refuses a second user with the same login or email, naming which', async () => {
    const { storage } = ctx;
    await storage.users.create(newUser({ login: 'alice', email: 'alice@example.org' }));
    const sameLogin = storage.users.create(newUser({ login: 'Alice' }));
    await expect(sameLogin).rejects.toBeInstanceOf(ConflictError);
    await expect(sameLogin).rejects.toMatchObject({ what: 'login' });
    await expect(storage.users.create(newUser({ email: 'ALICE@example.org' }))).rejects.toMatchObject({
      what: 'email',
    });
    // Byline-only authors from an import may have no email at all.
    await storage.users.create(newUser({ email: '' }));
    await storage.users.create(newUser({ email: '' }));
    expect(await storage.users.list()).toHaveLength(3);
  });

  it('stores settings as JSON values, overwrites them, and forgets one set to undefined', async () => {
    const { storage } = ctx;
    expect(await storage.settings.all()).toEqual({});
    const values = {
      title: TEXT.kazakh,
      tagline: `${TEXT.arabic} ${TEXT.emoji}`,
      postsPerPage: 7,
      requirePriorApproval: false,
      blockedWords: ['казино', 'viagra'],
      nested: { a: [1, null, { b: 'ү' }] },
    };
    for (const [key, value] of Object.entries(values)) await storage.settings.set(key, value);
    expect(await storage.settings.all()).toEqual(values);
    await storage.settings.set('postsPerPage', 20);
    await storage.settings.set('nested', undefined);
    const { nested: _gone, ...rest } = values;
    expect(await storage.settings.all()).toEqual({ ...rest, postsPerPage: 20 });
  });

  it('round-trips media with its variants and keeps paths unique', async () => {
    const { storage } = ctx;
    const fields: NewMedia = {
      path: '2024/03/фото-әке.jpg',
      mime: 'image/jpeg',
      width: 4000,
      height: 3000,
      bytes: 5_242_880,
      variants: [
        { path: '2024/03/фото-әке-800.webp', width: 800, height: 600, mime: 'image/webp' },
        { path: '2024/03/фото-әке-800.avif', width: 800, height: 600, mime: 'image/avif' },
      ],
    };
    const created = await storage.media.create(fields);
    expect(created).toMatchObject(fields);
    expect(await storage.media.findById(created.id)).toEqual(created);
    expect(await storage.media.findByPath(fields.path)).toEqual(created);
    expect(await storage.media.findByPath('missing.jpg')).toBeUndefined();
    await expect(storage.media.create(fields)).rejects.toMatchObject({ what: 'path' });
  });

  it('maps old paths to posts and lets an alias be pointed elsewhere', async () => {
    const { storage } = ctx;
    const user = await storage.users.create(newUser());
    const post = (slug: string) =>
      storage.posts.create({
        type: 'post',
        status: 'published',
        slug,
        title: slug,
        source: '',
        html: '',
        excerpt: '',
        authorId: user.id,
        image: null,
        commentStatus: 'open',
        sticky: false,
        publishedAt: new Date(),
      });
    const [a, b] = [await post('a'), await post('b')];
    await storage.aliases.put('/2019/05/01/сөз/', a.id);
    await storage.aliases.put('/?p=123', a.id);
    expect(await storage.aliases.find('/2019/05/01/сөз/')).toBe(a.id);
    await storage.aliases.put('/?p=123', b.id);
    expect(await storage.aliases.find('/?p=123')).toBe(b.id);
    expect(await storage.aliases.find('/nowhere/')).toBeUndefined();

    // Old addresses of other things, and who holds which address.
    await storage.aliases.addRedirects([
      { path: '/blog/?cat=3', location: '/category/news/' },
      { path: '/blog/category/news/courts/', location: '/category/courts/' },
    ]);
    await storage.aliases.addRedirects([{ path: '/blog/?cat=3', location: '/category/other/' }]);
    expect(await storage.aliases.findRedirect('/blog/?cat=3')).toBe('/category/news/');
    expect(await storage.aliases.findRedirect('/blog/')).toBeUndefined();
    const many = Array.from({ length: 1200 }, (_, i) => `/x/${i}/`);
    const claims = await storage.aliases.claims([...many, '/?p=123', '/blog/?cat=3', '/free/']);
    expect(claims).toEqual(
      new Map<string, unknown>([
        ['/?p=123', { postId: b.id }],
        ['/blog/?cat=3', { location: '/category/news/' }],
      ]),
    );
  });

  it('knows the folders imported blogs lived in, longest first', async () => {
    const { storage } = ctx;
    await storage.aliases.addPrefix('/blog', 'example.net/blog');
    await storage.aliases.addPrefix('/blog/ru', 'example.net/blog/ru');
    await storage.aliases.addPrefix('/blog', 'again.example/blog');
    expect(await storage.aliases.prefixesOf('/blog/ru/2019/')).toEqual(['/blog/ru', '/blog']);
    expect(await storage.aliases.prefixesOf('/blog/')).toEqual(['/blog']);
    expect(await storage.aliases.prefixesOf('/blogs/')).toEqual([]);
    expect(await storage.aliases.prefixesOf('/')).toEqual([]);
  });

  it('keeps outbox events oldest first until they are dispatched, then serves them to catch-up', async () => {
    const { storage } = ctx;
    const before = Date.now();
    const term: SiteEvent = {
      type: 'term.changed',
      termId: 1,
      taxonomy: 'tag',
      before: null,
      after: { slug: 'қазақстан', name: TEXT.kazakh },
    };
    expect(await storage.outbox.lastId()).toBe(0);
    await storage.outbox.add(term);
    await storage.outbox.add({
      type: 'comment.created',
      commentId: 2,
      postId: 1,
      parentId: null,
      status: 'pending',
    });
    await storage.outbox.add({ type: 'settings.changed', keys: ['title', 'blockedWords'] });
    const pending = await storage.outbox.undispatched(10);
    expect(pending.map((m) => m.type)).toEqual(['term.changed', 'comment.created', 'settings.changed']);
    const { type: _type, ...payload } = term;
    expect(pending[0]!.payload).toEqual(payload);
    expect(pending[2]!.payload).toEqual({ keys: ['title', 'blockedWords'] });
    expect(pending[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((await storage.outbox.undispatched(2)).map((m) => m.type)).toEqual([
      'term.changed',
      'comment.created',
    ]);
    expect(await storage.outbox.lastId()).toBe(pending[2]!.id);

    expect(await storage.outbox.dispatchedAfter(0, 10)).toEqual([]);
    await storage.outbox.markDispatched([pending[0]!.id, pending[2]!.id], new Date());
    expect((await storage.outbox.undispatched(10)).map((m) => m.type)).toEqual(['comment.created']);
    expect((await storage.outbox.dispatchedAfter(0, 10)).map((m) => m.type)).toEqual([
      'term.changed',
      'settings.changed',
    ]);
    expect((await storage.outbox.dispatchedAfter(pending[0]!.id, 10)).map((m) => m.type)).toEqual([
      'settings.changed',
    ]);
  });
}
