import { afterEach, describe, expect, it } from 'vitest';
import { ensureWelcomeContent } from '../../core/site/welcome.ts';
import { catalogs } from '../../render/index.ts';
import { makeTestSite, type TestSite } from '../../../test/support/site.ts';

/** SITE_LANGUAGE picks the language of every reader-facing string, and `<html lang>` follows it. */
describe('the site language', () => {
  let t: TestSite | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it.each(['en', 'ru', 'kk'] as const)('serves the reader pages in %s', async (language) => {
    t = await makeTestSite('sqlite', { env: { SITE_LANGUAGE: language } });
    await ensureWelcomeContent(t.site.core);
    const strings = catalogs[language];
    for (const path of ['/', '/welcome/', '/tag/samizdat/', '/no-such-page/']) {
      const html = await (await t.app.request(path)).text();
      expect(html, path).toContain(`<html lang="${language}"`);
    }
    const post = await (await t.app.request('/welcome/')).text();
    expect(post).toContain(strings['comments.leaveReply']);
    expect(await (await t.app.request('/no-such-page/')).text()).toContain(strings['notFound.title']);
  });

  it('uses the stored setting when SITE_LANGUAGE is not set', async () => {
    t = await makeTestSite('sqlite', { settings: { language: 'kk' } });
    await ensureWelcomeContent(t.site.core);
    expect(await (await t.app.request('/')).text()).toContain('<html lang="kk"');
  });
});
