import { copyFile, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
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
    [['post', 'password']],
    [['comments', 'list']],
    [['comments', 'approve']],
    [['doctor']],
    [['jobs', 'list']],
    [['jobs', 'retry']],
    [['jobs', 'discard']],
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

  it.skipIf(skip)(
    'prints a protected post’s password for staff to share, and says when there is none',
    async () => {
      const existing = (await t.site.core.storage.posts.findBySlug('степные-выборы'))!;
      const { id: _i, createdAt: _c, updatedAt: _u, guid: _g, protected: _p, ...fields } = existing;
      await t.site.core.storage.posts.create({ ...fields, slug: 'locked-essay', password: 'Tulpar 7731' });
      const out = await run('post', 'password', 'locked-essay');
      expect(out.code).toBe(0);
      expect(out.stdout).toBe('Tulpar 7731\n');
      const open = await run('post', 'password', 'степные-выборы');
      expect(open.stdout).toBe('');
      expect(open.stderr).toContain('not password-protected');
      const missing = await run('post', 'password', 'nowhere');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('nowhere: no such post');
    },
  );

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

  it.skipIf(skip)(
    'reads an image only from inside the post folder or --media, within the size limit',
    async () => {
      const before = await t.site.core.storage.posts.count();
      const post = (name: string, image: string) =>
        file(name, `---\ntitle: Image ${name}\nimage: ${image}\nimage_alt: a\n---\nx\n`);
      await symlink('/etc/passwd', join(dir, 'link-out.jpg'));
      await writeFile(join(dir, 'huge.jpg'), '');
      await truncate(join(dir, 'huge.jpg'), 1024 ** 3);
      const notHere = /no such file in .*an image must be a regular file inside the post's folder/;
      const cases: [string[], RegExp][] = [
        [['post', 'publish', await post('zero.md', '/dev/zero')], notHere],
        [['post', 'publish', await post('passwd.md', '/etc/passwd')], notHere],
        [['post', 'publish', await post('climb.md', '../../../../../../etc/passwd')], notHere],
        [['post', 'publish', await post('link.md', 'link-out.jpg')], notHere],
        [['post', 'publish', await post('huge.md', 'huge.jpg')], /huge\.jpg: larger than the limit of 25 MB/],
        [['post', 'publish', await post('dev.md', 'zero'), '--media', '/dev'], notHere],
        [
          ['post', 'publish', await file('tag.md', '---\ntitle: !foo bar\n---\nx')],
          /line 2: unknown YAML tag !foo/,
        ],
      ];
      const said = new Map<string, string>();
      for (const [args, message] of cases) {
        const out = await run(...args);
        expect(out.code, args.join(' ')).toBe(1);
        expect(out.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
        expect(out.stderr, args.join(' ')).toMatch(message);
        said.set(args[2]!, out.stderr);
      }
      // A file outside that exists and one that does not get the same line.
      const missing = await run('post', 'publish', await post('nothing.md', '/etc/no-such-file'));
      expect(missing.stderr.replace('/etc/no-such-file', 'X')).toBe(
        said.get(join(dir, 'passwd.md'))!.replace('/etc/passwd', 'X'),
      );
      expect(await t.site.core.storage.posts.count()).toBe(before);

      const media = await mkdtemp(join(tmpdir(), 'samizdat-media-'));
      try {
        await copyFile(join(dir, 'photo.jpg'), join(media, 'elsewhere.jpg'));
        // Run alone (vitest -t), this test has no author yet: the one the others add.
        if ((await t.site.core.storage.users.list()).length === 0) {
          const user = { login: 'dana', email: 'dana@example.kz', displayName: 'Dana', bio: '' };
          await t.site.core.storage.users.create({ ...user, role: 'author', passwordHash: null });
        }
        const out = await run('post', 'publish', await post('media.md', 'elsewhere.jpg'), '--media', media);
        expect(out.stderr).toBe('');
        expect(out.code).toBe(0);
        expect(await t.site.core.storage.posts.count()).toBe(before + 1);
      } finally {
        await rm(media, { recursive: true, force: true });
      }
    },
    // Ten runs of the real command, each a new process.
    180_000,
  );

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

  it.skipIf(skip)(
    'shows jobs with their attempts and last error, retries a failed one and discards one',
    async () => {
      const { jobs } = t.site.core.storage;
      const now = new Date();
      await jobs.enqueue(
        { type: 'mail.send', payload: { to: 'a@example.kz', subject: 's', text: 't' }, maxAttempts: 1 },
        now,
      );
      const [job] = await jobs.claim('cli-test', now, 60_000, 1);
      await jobs.fail(job!, 'cli-test', 'connect ECONNREFUSED 127.0.0.1:25', null, now);

      const list = await run('jobs', 'list', '--status', 'failed');
      expect(list.stdout).toContain(`#${job!.id}  failed  mail.send  attempts 1/1`);
      expect(list.stdout).toContain('last error: connect ECONNREFUSED 127.0.0.1:25');
      const json = JSON.parse((await run('jobs', 'list', '--json')).stdout) as {
        id: number;
        status: string;
      }[];
      expect(json.find((j) => j.id === job!.id)).toMatchObject({
        status: 'failed',
        lastError: /ECONNREFUSED/,
      });

      expect((await run('jobs', 'retry', String(job!.id))).code).toBe(0);
      expect(await jobs.findById(job!.id)).toMatchObject({ status: 'pending', attempts: 0 });
      expect((await run('jobs', 'discard', String(job!.id))).code).toBe(0);
      expect(await jobs.findById(job!.id)).toBeUndefined();
      const missing = await run('jobs', 'retry', String(job!.id));
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(`no failed or pending job with id #${job!.id}`);
      expect((await run('jobs', 'list', '--status', 'lost')).stderr).toContain('--status must be one of');
    },
  );

  it.skipIf(skip)(
    'doctor warns that mail is only written to files without SMTP_URL',
    async () => {
      const out = await run('doctor');
      expect(out.stdout).toMatch(/WARN no SMTP_URL: mail .* only written to .*mail\//);
    },
    120_000,
  );
});
