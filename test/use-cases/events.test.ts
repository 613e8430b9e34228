import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTestSite, type Dialect, type TestSite } from '../support/site.ts';
import { postgresAvailability } from '../support/postgres.ts';
import { editComment } from '../../src/core/comments/edit.ts';
import { moderateComment } from '../../src/core/comments/moderation.ts';
import { readPostDraft } from '../../src/core/posts/post-file.ts';
import { publishPost } from '../../src/core/posts/publish.ts';
import { publishDuePosts } from '../../src/core/posts/schedule.ts';
import { changePostStatus, deletePost } from '../../src/core/posts/status.ts';
import { changeSettings } from '../../src/core/site/change-settings.ts';
import { ensureWelcomeContent } from '../../src/core/site/welcome.ts';
import { addUser } from '../../src/core/users/add-user.ts';
import type { SiteEvent } from '../../src/core/events/events.ts';

const pg = await postgresAvailability();

/** Every write through a use case leaves its typed event in the outbox, in the same transaction. */
describe.each<Dialect>(['sqlite', 'postgres'])('the events of each write (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;

  /** The events written since the last call (earlier ones are marked done). */
  const written = async (): Promise<SiteEvent[]> => {
    const pending = await t.site.core.storage.outbox.undispatched(1000);
    await t.site.core.storage.outbox.markDispatched(
      pending.map((m) => m.id),
      new Date(),
    );
    return pending.map((m) => ({ ...m.payload, type: m.type }) as SiteEvent);
  };

  const publish = async (meta: Record<string, unknown>) => {
    const draft = readPostDraft(meta, 'Text of the essay.');
    if (!draft.ok) throw new Error(draft.error.join('; '));
    const result = await publishPost({ ...t.site.core, images: t.site.images }, draft.value, null);
    if (!result.ok) throw new Error(result.error.type);
    return result.value.post;
  };

  beforeAll(async () => {
    if (skip) return;
    t = await makeTestSite(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    if (!skip) await written();
  });

  it.skipIf(skip)('the welcome content: its author, its terms and one site.welcomed', async () => {
    expect(await ensureWelcomeContent(t.site.core)).toBe(true);
    const events = await written();
    expect(events.map((e) => e.type)).toEqual([
      'user.created',
      'term.changed',
      'term.changed',
      'site.welcomed',
    ]);
    const welcome = await t.site.core.storage.posts.findBySlug('welcome');
    expect(events.at(-1)).toMatchObject({ type: 'site.welcomed', postId: welcome!.id });
    expect(await ensureWelcomeContent(t.site.core)).toBe(false);
    expect(await written()).toEqual([]);
  });

  it.skipIf(skip)('settings: only the keys that changed, and nothing when a value is wrong', async () => {
    expect(await changeSettings(t.site.core, { title: 'Дала', tagline: '', postsPerPage: 10 })).toEqual({
      ok: true,
      value: { changed: ['title'] },
    });
    expect(await written()).toEqual([{ type: 'settings.changed', keys: ['title'] }]);
    const refused = await changeSettings(t.site.core, {
      title: 'Half',
      language: 'fr' as 'en',
      threadDepth: 11,
    });
    expect(refused).toEqual({
      ok: false,
      error: {
        type: 'invalid-settings',
        problems: ['language: expected one of en, ru, kk', 'threadDepth: expected 1 to 10'],
      },
    });
    expect((await t.site.core.storage.settings.all()).title).toBe('Дала');
    expect(await written()).toEqual([]);
    expect(await changeSettings(t.site.core, { title: 'Дала' })).toEqual({
      ok: true,
      value: { changed: [] },
    });
    expect(await written()).toEqual([]);
  });

  it.skipIf(skip)('a user added', async () => {
    const added = await addUser(t.site.core, {
      login: 'aigerim',
      email: 'a@example.org',
      displayName: '',
      role: 'editor',
    });
    expect(added.ok).toBe(true);
    expect(await written()).toEqual([
      { type: 'user.created', userId: added.ok ? added.value.id : 0, login: 'aigerim', role: 'editor' },
    ]);
  });

  it.skipIf(skip)(
    'a post published, corrected, taken back and published again, with its before and after',
    async () => {
      const post = await publish({
        title: 'Courts',
        slug: 'courts',
        date: '2026-01-01T10:00:00Z',
        author: 'aigerim',
        tags: ['courts'],
      });
      const [term, created] = await written();
      expect(term).toMatchObject({
        type: 'term.changed',
        taxonomy: 'tag',
        before: null,
        after: { slug: 'courts' },
      });
      expect(created).toEqual({
        type: 'post.created',
        postId: post.id,
        after: {
          type: 'post',
          status: 'published',
          visible: true,
          slug: 'courts',
          title: 'Courts',
          publishedAt: '2026-01-01T10:00:00.000Z',
          authorId: post.authorId,
          tagIds: [term!.type === 'term.changed' ? term!.termId : 0],
          categoryIds: [],
          commentStatus: 'open',
          sticky: false,
        },
      });

      await publish({
        title: 'Courts',
        slug: 'courts',
        date: '2026-01-02T10:00:00Z',
        author: 'aigerim',
        tags: ['press'],
      });
      const [, updated] = await written();
      expect(updated).toMatchObject({
        type: 'post.updated',
        before: { publishedAt: '2026-01-01T10:00:00.000Z' },
        after: { publishedAt: '2026-01-02T10:00:00.000Z' },
      });
      if (updated?.type !== 'post.updated') throw new Error('expected post.updated');
      expect(updated.before.tagIds).not.toEqual(updated.after.tagIds);

      expect((await changePostStatus(t.site.core, post.id, 'draft')).ok).toBe(true);
      expect(await written()).toMatchObject([
        {
          type: 'post.unpublished',
          postId: post.id,
          before: { visible: true },
          after: { status: 'draft', visible: false },
        },
      ]);
      expect((await changePostStatus(t.site.core, post.id, 'draft')).ok).toBe(true);
      expect(await written()).toEqual([]);
      expect((await changePostStatus(t.site.core, post.id, 'published')).ok).toBe(true);
      expect(await written()).toMatchObject([
        { type: 'post.published', after: { visible: true, tagIds: updated.after.tagIds } },
      ]);
      expect(await changePostStatus(t.site.core, 999_999, 'draft')).toEqual({
        ok: false,
        error: { type: 'post-not-found', id: 999_999 },
      });

      expect(await deletePost(t.site.core, post.id)).toEqual({ ok: true, value: { id: post.id } });
      expect(await written()).toMatchObject([
        { type: 'post.deleted', postId: post.id, before: { slug: 'courts', visible: true } },
      ]);
      expect(await t.site.core.storage.posts.findById(post.id)).toBeUndefined();
      expect(await deletePost(t.site.core, post.id)).toEqual({
        ok: false,
        error: { type: 'post-not-found', id: post.id },
      });
      expect(await written()).toEqual([]);
    },
  );

  it.skipIf(skip)(
    "a post dated in the future is scheduled, and readers gain it only with the job's post.published",
    async () => {
      const soon = new Date(Date.now() + 60 * 60 * 1000);
      const post = await publish({
        title: 'Tomorrow',
        slug: 'tomorrow',
        author: 'aigerim',
        date: soon.toISOString(),
      });
      expect(post.status).toBe('scheduled');
      expect(await written()).toMatchObject([
        { type: 'post.created', after: { status: 'scheduled', visible: false } },
      ]);
      const listedAt = async (now: Date) =>
        (await t.site.core.storage.posts.list({ limit: 100, offset: 0 }, now)).items.some(
          (p) => p.id === post.id,
        );
      // Not by the clock alone: after its date, until the job runs, readers still don't have it.
      expect(await listedAt(new Date(soon.getTime() + 1000))).toBe(false);

      // Its time comes: nothing changes for readers until the scheduled job turns it into an event.
      expect(await publishDuePosts(t.site.core, new Date(soon.getTime() - 1))).toEqual([]);
      expect(await publishDuePosts(t.site.core, soon)).toEqual([post.id]);
      expect(await written()).toMatchObject([
        { type: 'post.published', postId: post.id, after: { status: 'published', visible: true } },
      ]);

      // Taken back to draft and published again before its date (by the site's clock): scheduled again.
      expect((await changePostStatus(t.site.core, post.id, 'draft')).ok).toBe(true);
      await written();
      expect((await changePostStatus(t.site.core, post.id, 'published')).ok).toBe(true);
      expect(await written()).toMatchObject([{ after: { status: 'scheduled', visible: false } }]);
      expect((await deletePost(t.site.core, post.id)).ok).toBe(true);
      await written();
    },
  );

  it.skipIf(skip)('moderation and edits: each move of a comment, and none when nothing moved', async () => {
    const post = await t.site.core.storage.posts.findBySlug('welcome');
    const { id } = (await t.site.core.storage.comments.forPost(post!.id, []))[0]!;
    const facts = { commentId: id, postId: post!.id, parentId: null };
    const moves = async (...actions: Parameters<typeof moderateComment>[2][]) => {
      for (const action of actions) expect((await moderateComment(t.site.core, id, action)).ok).toBe(true);
      return written();
    };
    expect(await moves('approve')).toEqual([]);
    expect(await moves('unapprove', 'approve', 'trash', 'approve', 'spam')).toEqual([
      { type: 'comment.unapproved', ...facts, from: 'approved', to: 'pending' },
      { type: 'comment.approved', ...facts, from: 'pending', to: 'approved' },
      { type: 'comment.trashed', ...facts, from: 'approved', to: 'trash' },
      { type: 'comment.restored', ...facts, from: 'trash', to: 'approved' },
      { type: 'comment.spammed', ...facts, from: 'approved', to: 'spam' },
    ]);

    const edited = await editComment(t.site.core, id, '  Түзетілген *мәтін*  ');
    expect(edited.ok && edited.value.source).toBe('Түзетілген *мәтін*');
    expect((await t.site.core.storage.comments.findById(id))?.html).toContain('<em>мәтін</em>');
    expect(await written()).toEqual([{ type: 'comment.edited', ...facts, status: 'spam' }]);
    expect(await editComment(t.site.core, id, '   ')).toEqual({
      ok: false,
      error: { type: 'invalid-comment', problem: 'required' },
    });
    expect(await written()).toEqual([]);

    expect(await moves('delete')).toEqual([{ type: 'comment.deleted', ...facts, from: 'spam' }]);
    expect(await moderateComment(t.site.core, id, 'approve')).toEqual({
      ok: false,
      error: { type: 'comment-not-found', id },
    });
    expect(await written()).toEqual([]);
  });
});
