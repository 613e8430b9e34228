import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samizdat } from '../../test/browser/harness.ts';
import { makeTestSite, type Dialect, type TestSite } from '../../test/support/site.ts';
import { postgresAvailability } from '../../test/support/postgres.ts';

const pg = await postgresAvailability();

describe('samizdat --help', () => {
  it.each([
    [[]],
    [['serve']],
    [['migrate']],
    [['user', 'add']],
    [['post', 'publish']],
    [['comments', 'list']],
    [['comments', 'approve']],
    [['doctor']],
  ])('explains %j', async (args) => {
    const out = await samizdat({}, ...args, '--help');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Usage: samizdat/);
  });
});

describe.each<Dialect>(['sqlite', 'postgres'])('the writer at the command line (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;
  let dir: string;
  const run = (...args: string[]) => samizdat(t.env, ...args);
  const file = async (name: string, text: string) => {
    await writeFile(join(dir, name), text);
    return join(dir, name);
  };

  beforeAll(async () => {
    if (skip) return;
    t = await makeTestSite(dialect);
    dir = await mkdtemp(join(tmpdir(), 'samizdat-posts-'));
    await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#8a6' } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'Secret Photographer' } })
      .toFile(join(dir, 'photo.jpg'));
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(skip)('adds an author and publishes a post with tags, categories and a photo', async () => {
    expect(
      (await run('user', 'add', 'dana', '--email', 'dana@example.kz', '--name', 'Дана Ахметова')).code,
    ).toBe(0);
    const path = await file(
      'essay.md',
      `---
title: Степные выборы
date: 2026-03-01T09:00:00Z
author: dana
tags: [politics, Kazakhstan]
categories: ["World > Central Asia"]
excerpt: What the count did not show.
image: photo.jpg
image_alt: Voters queue outside a school
image_caption: Morning in Almaty
image_credit: A. Reporter
---
The long essay begins here.
`,
    );
    const out = await run('post', 'publish', path);
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(/^published post #\d+ \(published\): http:\/\/localhost\/%D1%81/);

    const res = await t.app.request('/степные-выборы/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Степные выборы');
    expect(html).toContain('Photo: A. Reporter');
    expect(html).toContain('Morning in Almaty');
    expect(html).toContain('Дана Ахметова');
    expect((await t.app.request('/category/central-asia/')).status).toBe(200);
    expect((await t.app.request('/category/world/')).status).toBe(200);
    expect((await t.app.request('/tag/kazakhstan/')).status).toBe(200);

    const src = /<img[^>]+src="(\/media\/[^"]+)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const image = await t.app.request(src!);
    expect(image.status).toBe(200);
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    expect(meta.exif).toBeUndefined();
  });

  it.skipIf(skip)('updates the post when the same slug is published again', async () => {
    const path = await file(
      'again.md',
      '---\ntitle: Степные выборы\nauthor: dana\ncomments: closed\n---\nA corrected text.\n',
    );
    const out = await run('post', 'publish', path);
    expect(out.stdout).toMatch(/^updated post #\d+/);
    const html = await (await t.app.request('/степные-выборы/')).text();
    expect(html).toContain('A corrected text.');
    expect(html).not.toContain('The long essay begins here.');
    expect(html).toContain('Comments are closed.');
  });

  it.skipIf(skip)('refuses bad input with one clear line, a non-zero exit and nothing written', async () => {
    const before = await t.site.core.storage.posts.count();
    const cases: [string[], RegExp][] = [
      [['post', 'publish', join(dir, 'missing.md')], /missing\.md: no such file/],
      [['post', 'publish', await file('bare.md', 'no front matter')], /no front matter/],
      [['post', 'publish', await file('yaml.md', '---\ntitle: [unclosed\n---\nx')], /not valid YAML/],
      [
        ['post', 'publish', await file('who.md', '---\ntitle: X\nauthor: nobody\n---\nx')],
        /author "nobody" does not exist/,
      ],
      [['post', 'publish', await file('status.md', '---\ntitle: X\nstatus: live\n---\nx')], /status: "live"/],
      [
        ['post', 'publish', await file('img.md', '---\ntitle: X\nimage: none.jpg\nimage_alt: a\n---\nx')],
        /none\.jpg: no such file/,
      ],
      [['user', 'add', 'dana', '--email', 'other@example.org'], /already exists/],
      [['user', 'add', 'x y', '--email', 'nope'], /login: .*email: /],
      [['comments', 'approve', '999999'], /no comment with id #999999/],
      [['comments', 'approve', 'abc'], /"abc" is not a comment id/],
    ];
    for (const [args, message] of cases) {
      const out = await run(...args);
      expect(out.code, args.join(' ')).toBe(1);
      expect(out.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(out.stderr, args.join(' ')).toMatch(message);
    }
    expect(await t.site.core.storage.posts.count()).toBe(before);
  });

  it.skipIf(skip)('lists held comments with the reason and moderates them', async () => {
    const post = (await t.site.core.storage.posts.findBySlug('степные-выборы'))!;
    const held = await t.site.core.storage.comments.create({
      postId: post.id,
      parentId: null,
      kind: 'comment',
      status: 'pending',
      authorName: 'Ерлан',
      authorEmail: 'erlan@example.kz',
      authorUrl: '',
      identityId: null,
      source: 'Two links here',
      html: '<p>Two links here</p>',
      ipHash: 'h',
      notifyReplies: false,
      notifyPosts: false,
      heldReason: '2 links',
      createdAt: new Date(),
    });
    const list = await run('comments', 'list');
    expect(list.stdout).toContain(`#${held.id}  pending`);
    expect(list.stdout).toContain('[held: 2 links]');
    expect((await run('comments', 'spam', String(held.id))).code).toBe(0);
    expect((await t.site.core.storage.comments.findById(held.id))!.status).toBe('spam');
    expect((await run('comments', 'delete', String(held.id))).code).toBe(0);
    expect(await t.site.core.storage.comments.findById(held.id)).toBeUndefined();
  });
});
