import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Each boundary of DESIGN.md, planted as a violation in a file that is never written to disk: the lint
 * run that `npm test` makes must name the breach. The real tree passing is `npm run lint` itself.
 */

const root = join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The messages of the boundary and environment rules for `code` as if it lived at `path`. */
async function breaches(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  const rules = [
    'samizdat/boundaries',
    'no-restricted-properties',
    'no-restricted-syntax',
    'no-restricted-imports',
  ];
  return (result?.messages ?? []).filter((m) => m.ruleId && rules.includes(m.ruleId)).map((m) => m.message);
}

const CORE = 'src/core imports only src/core and pure libraries (zod): no I/O, no frameworks';
const THROUGH_PORTS = "http and render never import storage: they read through the core's ports";
const RENDER = 'render never imports http: it turns views into HTML';
const IMPORT_EXPORT = "import, export and backup never import storage: they go through the core's ports";
const SHIPS = 'src/ ships: it never imports test/, bench/ or tools/';
const TOOLS = 'bench/ and tools/ never import test/';
const ENV = 'only src/config reads the environment: take the value from Config';

const use = (specifier: string) => `import { thing } from '${specifier}';\nexport const used = thing;\n`;

describe('boundary lint', { timeout: 60_000 }, () => {
  it.each([
    ['src/core/posts/planted.ts', 'node:fs'],
    ['src/core/posts/planted.ts', 'hono'],
    ['src/core/posts/planted.ts', 'kysely'],
    ['src/core/posts/planted.ts', 'nodemailer'],
    ['src/core/posts/planted.ts', '../../storage/index.ts'],
    // A file directly inside src/core: one `../` already leaves the core.
    ['src/core/planted.ts', '../http/app.ts'],
  ])('core: %s importing %s is refused', async (path, specifier) => {
    expect(await breaches(path, use(specifier))).toEqual([`${CORE} (imports ${specifier})`]);
  });

  it('core may import itself and zod', async () => {
    const code = `${use('../ports/storage.ts')}import { z } from 'zod';\nexport const schema = z.string();\n`;
    expect(await breaches('src/core/posts/planted.ts', code)).toEqual([]);
  });

  it('a dynamic import is checked too', async () => {
    const code = `export const load = () => import('node:fs');\n`;
    expect(await breaches('src/core/posts/planted.ts', code)).toEqual([`${CORE} (imports node:fs)`]);
  });

  it.each(['src/http/reader/planted.ts', 'src/render/planted.ts'])(
    '%s may not import storage',
    async (path) => {
      const specifier = path.startsWith('src/http/') ? '../../storage/index.ts' : '../storage/index.ts';
      expect(await breaches(path, use(specifier))).toEqual([`${THROUGH_PORTS} (imports ${specifier})`]);
    },
  );

  it('render may not import http', async () => {
    expect(await breaches('src/render/pages/planted.ts', use('../../http/errors.ts'))).toEqual([
      `${RENDER} (imports ../../http/errors.ts)`,
    ]);
  });

  it.each([
    'src/import/wordpress/planted.ts',
    'src/export/formats/planted.ts',
    'src/backup/parts/planted.ts',
  ])('%s may not import storage', async (path) => {
    expect(await breaches(path, use('../../storage/sqlite/adapter.ts'))).toEqual([
      `${IMPORT_EXPORT} (imports ../../storage/sqlite/adapter.ts)`,
    ]);
  });

  it.each([
    ['src/cli/planted.ts', '../../test/support/site.ts'],
    ['src/cli/planted.ts', '../../bench/text.ts'],
    ['src/boot/planted.ts', '../../tools/wxr-writer.ts'],
  ])('%s may not import %s', async (path, specifier) => {
    expect(await breaches(path, use(specifier))).toEqual([`${SHIPS} (imports ${specifier})`]);
  });

  it.each(['bench/planted.ts', 'tools/planted.ts'])('%s may not import test/', async (path) => {
    expect(await breaches(path, use('../test/support/site.ts'))).toEqual([
      `${TOOLS} (imports ../test/support/site.ts)`,
    ]);
  });

  it('tests beside the code may use test/ support', async () => {
    expect(await breaches('src/cli/planted.test.ts', use('../../test/support/site.ts'))).toEqual([]);
  });

  it.each([
    'export const port = process.env.PORT;\n',
    "export const port = process.env['PORT'];\n",
    'const { env } = process;\nexport const port = env.PORT;\n',
    "import { env } from 'node:process';\nexport const port = env.PORT;\n",
  ])('outside src/config the environment is not read: %s', async (code) => {
    expect(await breaches('src/http/planted.ts', code)).toEqual([expect.stringContaining(ENV)]);
  });

  it.each([
    'src/config/planted.ts',
    'bench/planted.ts',
    'test/support/planted.ts',
    'src/http/planted.test.ts',
  ])('%s may read the environment', async (path) => {
    expect(await breaches(path, 'export const port = process.env.PORT;\n')).toEqual([]);
  });
});
