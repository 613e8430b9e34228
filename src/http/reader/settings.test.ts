import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeSettings } from '../../core/site/change-settings.ts';
import { ensureWelcomeContent } from '../../core/site/welcome.ts';
import { makeTestSite, type Dialect, type TestSite } from '../../../test/support/site.ts';
import { postgresAvailability } from '../../../test/support/postgres.ts';

const pg = await postgresAvailability();

/** Settings are read once and kept; a change through the core shows on the next page at once. */
describe.each<Dialect>(['sqlite', 'postgres'])('the site settings a page is built from (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;

  beforeAll(async () => {
    if (skip) return;
    t = await makeTestSite(dialect, { settings: { title: 'First title' } });
    await ensureWelcomeContent(t.site.core);
  });
  afterAll(async () => t?.close());

  const title = async (path = '/') =>
    /<title>([^<]*)<\/title>/.exec(await (await t.app.request(path)).text())?.[1];

  it.skipIf(skip)('shows a changed title on the next page, with its event in the outbox', async () => {
    expect(await title()).toContain('First title');
    await changeSettings(t.site.core, { title: 'Second title' });
    expect(await title()).toContain('Second title');
    expect(await title('/welcome/')).toContain('Second title');
    const events = await t.site.core.storage.outbox.undispatched(100);
    expect(events.filter((e) => e.type === 'settings.changed').at(-1)?.payload).toEqual({ keys: ['title'] });
  });

  it.skipIf(skip)(
    'does not read the database per request: a write behind its back waits for invalidate()',
    async () => {
      await t.site.core.storage.settings.set('title', 'Written elsewhere');
      expect(await title()).toContain('Second title');
      // What another instance's `settings.changed` signal does.
      t.site.core.settings.invalidate();
      expect(await title()).toContain('Written elsewhere');
    },
  );

  it.skipIf(skip)('gives each caller its own copy', async () => {
    const mine = await t.site.core.settings.current();
    mine.blockedWords.push('x');
    mine.title = 'changed in my hands';
    const theirs = await t.site.core.settings.current();
    expect(theirs.title).toBe('Written elsewhere');
    expect(theirs.blockedWords).toEqual([]);
  });
});
