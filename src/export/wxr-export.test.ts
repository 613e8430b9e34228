import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../core/ports/storage.ts';
import { makeTestSite, type Dialect, type TestSite } from '../../test/support/site.ts';
import { postgresAvailability } from '../../test/support/postgres.ts';
import type { ExportDeps } from './export.ts';
import { fileOutput } from './output.ts';
import { seedSite, TEXT, type Seeded } from '../../test/support/export/seed.ts';
import { all, one, parseXml, text, type XmlNode } from '../../test/support/export/xml.ts';
import { exportWxr } from './wxr-export.ts';
import { asHtml } from './wxr.ts';

const pg = await postgresAvailability();
const WP = 'http://wordpress.org/export/1.2/';
const NOW = new Date('2025-06-01T12:00:00Z');

const itemsOf = (channel: XmlNode, type: string) =>
  all(channel, 'item').filter((i) => text(i, 'wp:post_type') === type);
const itemById = (channel: XmlNode, id: number) =>
  all(channel, 'item').find((i) => text(i, 'wp:post_id') === String(id))!;

describe.each<Dialect>(['sqlite', 'postgres'])('WXR export (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;
  let dir: string;
  let seeded: Seeded;
  let xml: string;
  let channel: XmlNode;
  const deps = (storage: Storage): ExportDeps => ({ storage, baseUrl: 'https://blog.example.kz', now: NOW });

  beforeAll(async () => {
    if (skip) return;
    t = await makeTestSite(dialect, { settings: { timezone: 'Asia/Almaty', title: `Дала & <Steppe>` } });
    dir = await mkdtemp(join(tmpdir(), 'samizdat-export-'));
    seeded = await seedSite(t.site.core.storage);
    const file = join(dir, 'site.xml');
    await exportWxr(deps(t.site.core.storage), fileOutput(file));
    xml = await readFile(file, 'utf8');
    channel = one(parseXml(xml), 'channel');
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(skip)("is well-formed WXR 1.2 with WordPress's header, namespaces and channel", () => {
    const rss = parseXml(xml);
    expect(rss.name).toBe('rss');
    expect(rss.attributes.version).toBe('2.0');
    expect(rss.attributes['xmlns:wp']).toBe(WP);
    expect(rss.attributes['xmlns:excerpt']).toBe('http://wordpress.org/export/1.2/excerpt/');
    expect(rss.attributes['xmlns:content']).toBe('http://purl.org/rss/1.0/modules/content/');
    expect(text(channel, 'title')).toBe('Дала & <Steppe>');
    expect(text(channel, 'link')).toBe('https://blog.example.kz');
    expect(text(channel, 'pubDate')).toBe('Sun, 01 Jun 2025 12:00:00 +0000');
    expect(text(channel, 'wp:wxr_version')).toBe('1.2');
    expect(one(channel, 'wp:wxr_version').uri).toBe(WP);
    expect(text(channel, 'wp:base_site_url')).toBe('https://blog.example.kz');
    expect(text(channel, 'wp:base_blog_url')).toBe('https://blog.example.kz');
  });

  it.skipIf(skip)(
    'holds every post and page of every status, each featured image once, and the counts',
    () => {
      expect(itemsOf(channel, 'post')).toHaveLength(6);
      expect(itemsOf(channel, 'page')).toHaveLength(1);
      expect(itemsOf(channel, 'attachment')).toHaveLength(1);
      const status = (id: number) => text(itemById(channel, id), 'wp:status');
      const { posts } = seeded;
      expect(status(posts.essay.id)).toBe('publish');
      expect(status(posts.scheduled.id)).toBe('future');
      expect(status(posts.draft.id)).toBe('draft');
      expect(status(posts.hidden.id)).toBe('private');
      expect(status(posts.trashed.id)).toBe('trash');
      expect(all(channel, 'wp:author').map((a) => text(a, 'wp:author_login'))).toEqual([
        'dana',
        'guest-writer',
      ]);
      expect(all(channel, 'wp:tag').map((a) => text(a, 'wp:tag_slug'))).toEqual([
        '%d2%9b%d0%b0%d0%b7%d0%b0%d2%9b%d1%81%d1%82%d0%b0%d0%bd',
      ]);
    },
  );

  it.skipIf(skip)('writes a post the way WordPress does, its text intact in any script', () => {
    const { essay } = seeded.posts;
    const item = itemById(channel, essay.id);
    expect(text(item, 'title')).toBe(`${TEXT.russian} bell esc vt noncharacter`);
    expect(text(item, 'link')).toBe(
      'https://blog.example.kz/%D1%81%D1%82%D0%B5%D0%BF%D0%BD%D1%8B%D0%B5-%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B/',
    );
    expect(text(item, 'pubDate')).toBe('Tue, 05 Mar 2024 07:08:09 +0000');
    expect(text(item, 'dc:creator')).toBe('dana');
    expect(one(item, 'guid').attributes.isPermaLink).toBe('false');
    // Its first address was its old WordPress path, and a guid stays what it was first.
    expect(text(item, 'guid')).toBe('https://blog.example.kz/2024/03/05/stepnye-vybory/');
    const page = itemById(channel, seeded.posts.page.id);
    expect(text(page, 'guid')).toBe(`https://blog.example.kz/?p=${seeded.posts.page.id}`);
    expect(text(item, 'content:encoded')).toBe(essay.html);
    expect(text(item, 'content:encoded')).toContain(TEXT.breaker);
    // WordPress keeps excerpts (and titles, names, captions) as HTML: our plain text is escaped.
    expect(text(item, 'excerpt:encoded')).toBe(asHtml(`${TEXT.hebrew} ${TEXT.breaker}`));
    expect(text(item, 'wp:post_date')).toBe('2024-03-05 12:08:09');
    expect(text(item, 'wp:post_date_gmt')).toBe('2024-03-05 07:08:09');
    expect(text(item, 'wp:post_modified_gmt')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(text(item, 'wp:post_name')).toBe(
      '%d1%81%d1%82%d0%b5%d0%bf%d0%bd%d1%8b%d0%b5-%d0%b2%d1%8b%d0%b1%d0%be%d1%80%d1%8b',
    );
    expect(text(item, 'wp:comment_status')).toBe('open');
    expect(text(item, 'wp:is_sticky')).toBe('1');
    expect(text(item, 'wp:post_parent')).toBe('0');
    expect(text(item, 'wp:post_password')).toBe('');
    const categories = all(item, 'category').map((c) => [c.attributes.domain, c.attributes.nicename, c.text]);
    expect(categories).toEqual([
      [
        'category',
        '%d1%86%d0%b5%d0%bd%d1%82%d1%80%d0%b0%d0%bb%d1%8c%d0%bd%d0%b0%d1%8f-%d0%b0%d0%b7%d0%b8%d1%8f',
        'Asia',
      ],
      ['post_tag', '%d2%9b%d0%b0%d0%b7%d0%b0%d2%9b%d1%81%d1%82%d0%b0%d0%bd', 'Қазақстан'],
    ]);
    const html = itemById(channel, seeded.posts.html.id);
    expect(text(html, 'content:encoded')).toBe(seeded.posts.html.source);
    expect(text(html, 'wp:comment_status')).toBe('closed');
  });

  it.skipIf(skip)('names category parents by slug, parents first', () => {
    const categories = all(channel, 'wp:category').map((c) => [
      text(c, 'wp:category_nicename'),
      text(c, 'wp:category_parent'),
      text(c, 'wp:cat_name'),
    ]);
    expect(categories).toEqual([
      ['world', '', 'World'],
      [
        '%d1%86%d0%b5%d0%bd%d1%82%d1%80%d0%b0%d0%bb%d1%8c%d0%bd%d0%b0%d1%8f-%d0%b0%d0%b7%d0%b8%d1%8f',
        'world',
        'Asia',
      ],
    ]);
    expect(text(all(channel, 'wp:category')[0]!, 'wp:category_description')).toBe(asHtml(TEXT.breaker));
  });

  it.skipIf(skip)("points _thumbnail_id at an attachment item with the file's absolute URL", () => {
    const meta = (item: XmlNode) =>
      Object.fromEntries(
        all(item, 'wp:postmeta').map((m) => [text(m, 'wp:meta_key'), text(m, 'wp:meta_value')]),
      );
    const essay = meta(itemById(channel, seeded.posts.essay.id));
    const html = meta(itemById(channel, seeded.posts.html.id));
    expect(html._thumbnail_id).toBe(essay._thumbnail_id);
    const attachment = itemById(channel, Number(essay._thumbnail_id));
    expect(text(attachment, 'wp:post_type')).toBe('attachment');
    expect(text(attachment, 'wp:status')).toBe('inherit');
    expect(text(attachment, 'wp:post_parent')).toBe(String(seeded.posts.essay.id));
    expect(text(attachment, 'wp:attachment_url')).toBe(
      'https://blog.example.kz/media/2024/03/%D1%84%D0%BE%D1%82%D0%BE-%D1%81%D1%82%D0%B5%D0%BF%D1%8C.jpg',
    );
    expect(text(attachment, 'excerpt:encoded')).toBe(TEXT.arabic);
    expect(meta(attachment)._wp_attachment_image_alt).toBe(`Очередь ${TEXT.kazakh}`);
    expect(meta(attachment)._wp_attached_file).toBe('2024/03/фото-степь.jpg');
    expect(essay._samizdat_image_credit).toBe('Фото: А. Репортёр');
    expect(essay._samizdat_aliases?.split('\n').sort()).toEqual(['/2024/03/05/stepnye-vybory/', '/?p=1234']);
  });

  it.skipIf(skip)('carries every comment with its thread, status and kind, and no IP', () => {
    const comments = all(itemById(channel, seeded.posts.essay.id), 'wp:comment');
    const byId = new Map(comments.map((c) => [Number(text(c, 'wp:comment_id')), c]));
    const { thread } = seeded;
    expect([...byId.keys()].sort((a, b) => a - b)).toEqual(
      Object.values(thread)
        .map((c) => c.id)
        .sort((a, b) => a - b),
    );
    const field = (c: { id: number }, name: string) => text(byId.get(c.id)!, name);
    expect(field(thread.reply, 'wp:comment_parent')).toBe(String(thread.root.id));
    expect(field(thread.deep, 'wp:comment_parent')).toBe(String(thread.reply.id));
    expect(field(thread.root, 'wp:comment_parent')).toBe('0');
    expect(field(thread.root, 'wp:comment_author')).toBe(TEXT.hebrew);
    expect(field(thread.root, 'wp:comment_author_email')).toBe(seeded.secretEmail);
    expect(field(thread.root, 'wp:comment_author_url')).toBe('https://example.kz/әдебиет?a=1&b=2');
    expect(field(thread.root, 'wp:comment_date_gmt')).toBe('2024-03-06 10:00:00');
    expect(field(thread.root, 'wp:comment_date')).toBe('2024-03-06 15:00:00');
    expect(field(thread.reply, 'wp:comment_content')).toBe(`<p>${TEXT.breaker}</p>`);
    expect(field(thread.root, 'wp:comment_approved')).toBe('1');
    expect(field(thread.pending, 'wp:comment_approved')).toBe('0');
    expect(field(thread.spam, 'wp:comment_approved')).toBe('spam');
    expect(field(thread.trash, 'wp:comment_approved')).toBe('trash');
    expect(field(thread.root, 'wp:comment_type')).toBe('');
    expect(field(thread.ping, 'wp:comment_type')).toBe('pingback');
    for (const c of comments) expect(text(c, 'wp:comment_author_IP')).toBe('');
    expect(xml).not.toContain('IPHASH');
    expect(xml).not.toContain('PASSWORD-HASH');
  });

  it.skipIf(skip)('walks past a page of posts without losing a comment at the seam', async () => {
    const storage = t.site.core.storage;
    const many = [];
    for (let i = 0; i < 205; i++) {
      many.push(await storage.posts.create({ ...seeded.posts.draft, slug: `bulk-${i}`, title: `Bulk ${i}` }));
    }
    for (const p of [many[0]!, many[190]!, many[204]!]) {
      await storage.comments.create({ ...seeded.thread.root, postId: p.id, parentId: null });
    }
    const file = join(dir, 'many.xml');
    const counts = await exportWxr(deps(storage), fileOutput(file));
    const big = one(parseXml(await readFile(file, 'utf8')), 'channel');
    expect(itemsOf(big, 'post')).toHaveLength(6 + 205);
    expect(counts).toMatchObject({ posts: 211, pages: 1, media: 1, comments: 7 + 3 });
    for (const p of [many[0]!, many[190]!, many[204]!])
      expect(all(itemById(big, p.id), 'wp:comment')).toHaveLength(1);
  });

  it.skipIf(skip)('leaves no file, and the old file untouched, when the export fails midway', async () => {
    const file = join(dir, 'failed.xml');
    await writeFile(file, 'the previous export');
    const storage = t.site.core.storage;
    const failing: Storage = {
      ...storage,
      comments: { ...storage.comments, allAfter: () => Promise.reject(new Error('connection lost')) },
    };
    await expect(exportWxr(deps(failing), fileOutput(file))).rejects.toThrow('connection lost');
    expect(await readFile(file, 'utf8')).toBe('the previous export');
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });
});
