import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shared fixtures (XSS payloads, WXR exports, feeds…) live outside the repository: CI lays
 * shared/ beside the clone, so the default is `../shared/fixtures` from the repository root.
 */
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** SAMIZDAT_FIXTURES if set (relative paths are taken from the repository root), else ../shared/fixtures. */
export function fixturesDir(): string {
  return resolve(repositoryRoot, process.env.SAMIZDAT_FIXTURES || '../shared/fixtures');
}

export type FixturesLookup = { dir: string; skip?: undefined } | { dir?: undefined; skip: string };

/**
 * A fixtures subfolder, or the reason a suite must skip without it. Under CI a missing folder is an
 * error, not a skip: a green run that tested nothing would hide it.
 */
export function requireFixtures(subdir: string): FixturesLookup {
  const dir = join(fixturesDir(), subdir);
  if (existsSync(dir) && statSync(dir).isDirectory()) return { dir };
  const reason = `fixtures folder not found: ${dir} (set SAMIZDAT_FIXTURES to the shared fixtures folder)`;
  if (process.env.CI) throw new Error(`${reason}; CI requires the fixtures`);
  return { skip: reason };
}
