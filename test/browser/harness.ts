import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { startServer } from '../../src/boot/serve.ts';
import type { SiteSettings } from '../../src/core/site/settings.ts';
import { makeTestSite, type Dialect, type TestSite } from '../support/site.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Debian's Chromium, or why the browser suites skip. Under CI a missing browser fails the run. */
export function chromiumAvailability(): { skip?: string } {
  if (existsSync(CHROMIUM)) return {};
  const reason = `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI) throw new Error(`${reason}; CI requires the browser tests`);
  console.warn(`browser tests skipped: ${reason}`);
  return { skip: reason };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

export interface ServedSite extends TestSite {
  url: string;
}

/**
 * A real server on a free port over a fresh database. Bot traps are relaxed (a browser driven by a
 * test fills a form in milliseconds), and the rate limit is high enough for a suite's many comments.
 */
export async function serveTestSite(
  dialect: Dialect = 'sqlite',
  settings: Partial<SiteSettings> = {},
): Promise<ServedSite & { stop(): Promise<void> }> {
  const t = await makeTestSite(dialect, {
    settings: {
      commentMinFillSeconds: 0,
      commentRateLimit: 10_000,
      commentRefusedLimit: 10_000,
      ...settings,
    },
  });
  const running = await startServer(t.site);
  return {
    ...t,
    url: running.url,
    async stop() {
      await running.stop();
      await t.close();
    },
  };
}

/** Runs the `samizdat` command as a writer would, against the test site's data. */
export async function samizdat(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [resolve(root, 'bin/samizdat.js'), ...args],
      {
        env: { ...process.env, ...env },
        cwd: root,
      },
    );
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const error = e as { stdout: string; stderr: string; code: number };
    return { stdout: error.stdout, stderr: error.stderr, code: error.code };
  }
}
