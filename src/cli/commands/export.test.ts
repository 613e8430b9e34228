import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samizdat } from '../../../test/browser/harness.ts';
import { makeTestSite, type Dialect, type TestSite } from '../../../test/support/site.ts';
import { seedSite } from '../../../test/support/export/seed.ts';
import { all, one, parseXml } from '../../../test/support/export/xml.ts';
import { postgresAvailability } from '../../../test/support/postgres.ts';

const pg = await postgresAvailability();

describe('samizdat export --help', () => {
  it.each([[['export']], [['export', 'wxr']], [['export', 'json']]])('explains %j', async (args) => {
    const out = await samizdat({}, ...args, '--help');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Usage: samizdat export/);
    if (args.length > 1) expect(out.stdout).toMatch(/standard output/);
  });
});

describe.each<Dialect>(['sqlite', 'postgres'])('samizdat export (%s)', (dialect) => {
  const skip = dialect === 'postgres' && !pg.available;
  let t: TestSite;
  let dir: string;
  const run = (...args: string[]) => samizdat(t.env, ...args);

  beforeAll(async () => {
    if (skip) return;
    t = await makeTestSite(dialect);
    dir = await mkdtemp(join(tmpdir(), 'samizdat-export-cli-'));
    await seedSite(t.site.core.storage);
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(skip)('writes a WXR file and says what is in it on one line of stderr', async () => {
    const file = join(dir, 'блог.xml');
    const out = await run('export', 'wxr', file);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(
      `exported 6 posts, 1 page, 7 comments, 2 authors, 2 categories, 1 tag, 1 attachment, 2 old URLs to ${file}\n`,
    );
    const channel = one(parseXml(await readFile(file, 'utf8')), 'channel');
    expect(all(channel, 'item')).toHaveLength(8);
    expect(await readdir(dir)).toEqual(['блог.xml']);
  });

  it.skipIf(skip)('writes JSON to standard output with -, and nothing else there', async () => {
    const out = await run('export', 'json', '-');
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
    const doc = JSON.parse(out.stdout) as { posts: unknown[]; comments: unknown[] };
    expect(doc.posts).toHaveLength(7);
    expect(doc.comments).toHaveLength(7);
  });

  it.skipIf(skip)('refuses a folder that does not exist in one line, leaving nothing behind', async () => {
    const file = join(dir, 'missing', 'site.xml');
    const out = await run('export', 'wxr', file);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(`samizdat: ${file}: cannot write (no such folder: ${join(dir, 'missing')})\n`);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it.skipIf(skip)('refuses a format it does not know', async () => {
    const out = await run('export', 'csv', join(dir, 'x.csv'));
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/unknown command 'csv'/);
  });
});
