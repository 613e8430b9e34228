import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestSite, type TestSite } from '../../../test/support/site.ts';
import { changeSettings } from '../site/change-settings.ts';
import { readPostDraft } from './post-file.ts';
import { publishPost } from './publish.ts';

/** A post published from Markdown follows the site's typography setting, and never makes (c) a ©. */
describe('publishing with the typography setting', () => {
  let t: TestSite;
  const TEXT = 'Demands: (a) release; (b) inquiry; (c) a round table -- and "talks".';

  beforeAll(async () => {
    t = await makeTestSite('sqlite', { settings: { language: 'ru' } });
    await t.site.core.storage.users.create({
      login: 'dana',
      email: 'dana@example.kz',
      displayName: 'Dana',
      bio: '',
      role: 'owner',
      passwordHash: null,
    });
  });
  afterAll(async () => t?.close());

  const publish = async (slug: string) => {
    const draft = readPostDraft({ title: slug, slug, author: 'dana' }, TEXT);
    if (!draft.ok) throw new Error(draft.error.join('; '));
    const result = await publishPost({ ...t.site.core, images: t.site.images }, draft.value, null);
    if (!result.ok) throw new Error(result.error.type);
    return result.value.post.html;
  };

  it('keeps every character as typed by default', async () => {
    expect(await publish('as-typed')).toBe(
      '<p>Demands: (a) release; (b) inquiry; (c) a round table -- and "talks".</p>',
    );
  });

  it('curls quotes in the site’s language and makes dashes when the setting is smart', async () => {
    expect(await changeSettings(t.site.core, { typography: 'smart' })).toMatchObject({ ok: true });
    expect(await publish('smart')).toBe(
      '<p>Demands: (a) release; (b) inquiry; (c) a round table – and «talks».</p>',
    );
    expect(await changeSettings(t.site.core, { typography: 'fancy' as 'smart' })).toMatchObject({
      ok: false,
    });
  });
});
