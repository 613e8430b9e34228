import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { openSite, webServices, type Site } from '../../src/boot/site.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { Clock } from '../../src/core/ports/clock.ts';
import { changeSettings } from '../../src/core/site/change-settings.ts';
import { silentLogger, type Logger } from '../../src/core/ports/logger.ts';
import type { SiteSettings } from '../../src/core/site/settings.ts';
import { createApp } from '../../src/http/app.ts';
import type { WebServices } from '../../src/http/services.ts';
import { freshPostgresDatabase } from './postgres.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface TestSite {
  site: Site;
  services: WebServices;
  app: Hono;
  dataDir: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A whole site on a fresh database of the given dialect, in a temporary data folder. `env` is what a
 * CLI child process needs to open the same site.
 */
export async function makeTestSite(
  dialect: Dialect,
  options: {
    clock?: Clock;
    settings?: Partial<SiteSettings>;
    env?: Record<string, string>;
    log?: Logger;
  } = {},
): Promise<TestSite> {
  const dataDir = await mkdtemp(join(tmpdir(), 'samizdat-test-'));
  const database = dialect === 'postgres' ? await freshPostgresDatabase() : undefined;
  if (database && 'skip' in database) throw new Error(database.skip);
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: '0',
    SITE_URL: 'http://localhost',
    // Tests of pages see every write at once; the page cache's own tests turn it on and dispatch.
    PAGE_CACHE: 'off',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  };
  const site = await openSite(loadConfig(env), { clock: options.clock, log: options.log ?? silentLogger });
  const settings = await changeSettings(site.core, options.settings ?? {});
  if (!settings.ok) throw new Error(settings.error.problems.join('; '));
  const services = webServices(site);
  return {
    site,
    services,
    app: createApp(services),
    dataDir,
    env,
    async close() {
      await site.close();
      if (database && 'drop' in database) await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
