import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestSite, type Dialect, type TestSite } from '../../../test/support/site.ts';
import { keyedHash } from '../../security/signing.ts';
import type { SqlStorage } from '../../storage/index.ts';
import { postgresAvailability } from '../../../test/support/postgres.ts';
import { WxrError } from '../wxr/types.ts';
import { importWordpress, type ImportOptions } from './import.ts';
import { IP, sampleExport, SITE, VYBORY_PATH } from '../../../test/support/wordpress/sample-export.ts';
import { importDeps, snapshot } from '../../../test/support/wordpress/import.ts';

const pg = await postgresAvailability();

describe.each<Dialect>(['sqlite', 'postgres'])('importing a WordPress export (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;
  let dir: string;
  let file: string;
  let mediaDir: string;
  const storage = () => t.site.core.storage as SqlStorage;
  const run = (options: Partial<ImportOptions> = {}) =>
    importWordpress(importDeps(t), { file, mediaDir, ...options });
  const postByWordpressId = async (id: number) => {
    const local = await storage().imports.find('blog.example.kz', 'post', String(id));
    return local === undefined ? undefined : storage().posts.findById(local);
  };

  beforeAll(async () => {
    if (skip) return;
    t = await makeTestSite(dialect);
    dir = await mkdtemp(join(tmpdir(), 'samizdat-import-'));
    file = join(dir, 'export.xml');
    await writeFile(file, sampleExport());
    mediaDir = join(dir, 'uploads');
    await mkdir(join(mediaDir, '2019/05'), { recursive: true });
    await sharp({ create: { width: 800, height: 600, channels: 3, background: '#a63' } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'Secret' } })
      .toFile(join(mediaDir, '2019/05/square.jpg'));
    // An author already here under the same login: the export's "dana" is matched to her.
    await t.site.core.storage.users.create({
      login: 'dana',
      email: 'dana@elsewhere.example',
      displayName: 'Dana',
      bio: '',
      role: 'owner',
      passwordHash: null,
    });
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(skip)('a dry run reports everything and writes nothing', async () => {
    const before = await snapshot(storage());
    const report = await run({ dryRun: true });
    expect(await snapshot(storage())).toEqual(before);
    expect(report.dryRun).toBe(true);
    expect(report.imported).toMatchObject({
      posts: 9,
      pages: 1,
      attachments: 1,
      authors: 1,
      categories: 3,
      tags: 1,
    });
  });

  it.skipIf(skip)(
    'imports posts and pages with their statuses, dates, slugs, terms and authors',
    async () => {
      const dry = await run({ dryRun: true });
      const report = await run();
      expect(report.imported).toEqual(dry.imported);
      expect(report.source).toBe('blog.example.kz');
      expect(report.imported).toMatchObject({
        posts: 9,
        pages: 1,
        attachments: 1,
        authors: 1,
        categories: 3,
        tags: 1,
      });
      expect(report.matchedAuthors).toBe(1);
      expect(report.skipped.map((s) => s.reason)).toEqual(
        expect.arrayContaining([
          'items of the type "nav_menu_item" are not imported',
          'comments of the type "like" are not imported',
        ]),
      );
      expect(report.missingMedia.items).toEqual([
        { url: `${SITE}/wp-content/uploads/2019/05/missing.jpg`, reason: 'file not found under --media' },
      ]);

      const vybory = (await postByWordpressId(10))!;
      expect(vybory).toMatchObject({
        slug: 'выборы',
        status: 'published',
        sticky: true,
        format: 'html',
        type: 'post',
      });
      expect(vybory.publishedAt.toISOString()).toBe('2019-05-03T06:00:00.000Z');
      expect(vybory.excerpt).toBe('Что показал «подсчёт»');
      const dana = await storage().users.findByLogin('dana');
      expect(vybory.authorId).toBe(dana!.id);
      const statuses = await Promise.all(
        [13, 14, 15, 16, 17, 18].map(async (id) => (await postByWordpressId(id))?.status),
      );
      expect(statuses).toEqual(['draft', 'draft', 'scheduled', 'private', 'published', 'trash']);
      // Password-protected in WordPress: published behind the same password.
      const locked = (await postByWordpressId(17))!;
      expect(locked.protected).toBe(true);
      expect(await storage().posts.passwordOf(locked.id)).toBe('enter');
      // A draft has no GMT date in WordPress: its local date is taken as UTC.
      expect((await postByWordpressId(13))?.publishedAt.toISOString()).toBe('2020-01-02T10:00:00.000Z');
      expect((await postByWordpressId(13))?.slug).toBe('черновик');
      // The page keeps /about/; the post that wanted the same slug moves aside.
      expect(await postByWordpressId(11)).toMatchObject({ slug: 'about', type: 'page' });
      expect((await postByWordpressId(12))?.slug).toBe('about-2');
      const markup = (await postByWordpressId(20))!;
      expect(markup.title).toBe('Markup: Title With Markup');
      const erlan = await storage().users.findById(markup.authorId);
      expect(erlan).toMatchObject({
        login: 'ерлан',
        displayName: 'Ерлан Б.',
        passwordHash: null,
        role: 'author',
      });

      const terms = (await storage().posts.termsOf([vybory.id])).get(vybory.id)!;
      expect(terms.map((x) => `${x.taxonomy}:${x.slug}`).sort()).toEqual([
        'category:central-asia',
        'category:политика',
        'tag:elections',
      ]);
      const world = await storage().terms.findBySlug('category', 'world');
      expect(world?.name).toBe('World & Region');
      expect((await storage().terms.findBySlug('category', 'central-asia'))?.parentId).toBe(world!.id);
    },
  );

  it.skipIf(skip)(
    'brings the featured image into the media library and rewrites links to new addresses',
    async () => {
      const vybory = (await postByWordpressId(10))!;
      expect(vybory.image).toMatchObject({
        caption: 'Площадь в полдень',
        alt: 'Люди на площади',
        credit: 'Фото: А. Репортёр',
      });
      const media = await storage().media.findById(vybory.image!.mediaId);
      const image = await t.app.request(`/media/${media!.path}`);
      expect(image.status).toBe(200);
      expect((await sharp(Buffer.from(await image.arrayBuffer())).metadata()).exif).toBeUndefined();
      expect(vybory.html).toContain('href="/about/"');
      expect(vybory.html).toContain('href="/about-2/"');
      expect(vybory.html).toContain(`src="/media/${media!.path}"`);
    },
  );

  it.skipIf(skip)(
    'imports comments with their threads, statuses, kinds, and only a keyed hash of the IP',
    async () => {
      const vybory = (await postByWordpressId(10))!;
      const page = await storage().comments.list({ postId: vybory.id, limit: 50, offset: 0 });
      const by = new Map(page.items.map((c) => [c.authorName, c]));
      expect(page.total).toBe(7);
      expect(by.get('Bob')?.parentId).toBe(by.get('Айгерим')?.id);
      expect(by.get('مريم')?.parentId).toBe(by.get('Bob')?.id);
      expect([...by.values()].map((c) => `${c.authorName}:${c.status}:${c.kind}`).sort()).toEqual([
        'Bob:approved:comment',
        'Held:pending:comment',
        'Other blog:approved:pingback',
        'Spammer:spam:comment',
        'Trashed:trash:comment',
        'Айгерим:approved:comment',
        'مريم:approved:comment',
      ]);
      const first = by.get('Айгерим')!;
      expect(first.ipHash).toBe(keyedHash(t.site.secret, 'ip', IP));
      expect(first.createdAt.toISOString()).toBe('2019-05-03T10:00:00.000Z');
      expect(first.authorEmail).toBe('aigerim@example.kz');
      expect(first.html).toContain('<p>Первый.</p>');
      expect(by.get('Bob')?.html).not.toContain('script');
      expect(by.get('Bob')?.source).toContain('<b>reply</b>');
      const rows = await storage().db.selectFrom('comments').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(IP);
    },
  );

  it.skipIf(skip)('answers old addresses, ?p= and ?page_id= with a 301 to the new ones', async () => {
    const target = `/${encodeURIComponent('выборы')}/`;
    const upper = VYBORY_PATH.replace(/%[0-9a-f]{2}/g, (e) => e.toUpperCase());
    for (const path of [VYBORY_PATH, upper]) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(301);
      expect(res.headers.get('location'), path).toBe(target);
    }
    expect((await t.app.request(VYBORY_PATH.slice(0, -1))).headers.get('location')).toBe(VYBORY_PATH);
    expect((await t.app.request('/?p=10')).headers.get('location')).toBe(target);
    expect((await t.app.request('/?page_id=11')).headers.get('location')).toBe('/about/');
    expect((await t.app.request('/2019/06/01/about/')).headers.get('location')).toBe('/about-2/');
    // An address from before an earlier move, carried by our own export's post meta.
    expect((await t.app.request('/first-home/vybory/')).headers.get('location')).toBe(target);
    expect((await t.app.request(`${VYBORY_PATH}feed/`)).headers.get('location')).toBe(`${target}feed/`);
    expect((await t.app.request('/?feed=rss2&p=10')).headers.get('location')).toBe(`${target}feed/`);
    const post = await t.app.request(target);
    expect(post.status).toBe(200);
    expect(await post.text()).toContain('ردّ على الرد');
  });

  it.skipIf(skip)('changes nothing when the same file is imported again', async () => {
    const before = await snapshot(storage());
    const report = await run();
    expect(await snapshot(storage())).toEqual(before);
    expect(report.imported).toMatchObject({
      posts: 0,
      pages: 0,
      attachments: 0,
      authors: 0,
      categories: 0,
      tags: 0,
      aliases: 0,
    });
    expect(report.alreadyImported).toMatchObject({
      posts: 9,
      pages: 1,
      attachments: 1,
      comments: 7,
      authors: 2,
    });
  });

  it.skipIf(skip)(
    'brings in only the new comments of a later export, threaded under the old ones',
    async () => {
      const later = join(dir, 'later.xml');
      await writeFile(
        later,
        sampleExport([
          { id: 108, parent: 102, author: 'Late', date: '2019-07-01 00:00:00', content: 'Later reply' },
        ]),
      );
      const report = await run({ file: later });
      expect(report.imported.comments.approved).toBe(1);
      const vybory = (await postByWordpressId(10))!;
      const page = await storage().comments.list({ postId: vybory.id, limit: 50, offset: 0 });
      const late = page.items.find((c) => c.authorName === 'Late')!;
      expect(late.parentId).toBe(page.items.find((c) => c.authorName === 'مريم')?.id);
      expect(page.total).toBe(8);
    },
  );

  it.skipIf(skip)(
    "stores commenters' names as the comment form would, and leaves out a website with a password",
    async () => {
      const later = join(dir, 'names.xml');
      await writeFile(
        later,
        sampleExport([
          {
            id: 109,
            parent: 0,
            author: '\u202eAdmin\u200b\u2066 ',
            url: 'http://user:secret@example.org/',
            date: '2019-07-02 00:00:00',
            content: 'Ame\u0301lie',
          },
        ]),
      );
      const report = await run({ file: later });
      expect(report.imported.comments.approved).toBe(1);
      const vybory = (await postByWordpressId(10))!;
      const page = await storage().comments.list({ postId: vybory.id, limit: 50, offset: 0 });
      const imported = page.items.find((c) => c.source === 'Am\u00e9lie')!;
      expect(imported).toMatchObject({ authorName: 'Admin', authorUrl: '' });
      expect(report.notes.map((n) => n.reason)).toContain(
        'a website with a user name or password was left out',
      );
    },
  );

  it.skipIf(skip)(
    'refuses a file that is not well-formed with its line and column, and writes nothing',
    async () => {
      const broken = join(dir, 'broken.xml');
      // Another site's export, so anything written before the refusal would show in the counts.
      const text = sampleExport()
        .replaceAll(SITE, 'https://other.example.kz')
        .replace('<title>About</title>', '<title>About</titel>');
      await writeFile(broken, text);
      const before = await snapshot(storage());
      const error = await run({ file: broken }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WxrError);
      expect((error as WxrError).line).toBe(text.slice(0, text.indexOf('</titel>')).split('\n').length);
      expect(await snapshot(storage())).toEqual(before);
    },
  );
});
