// @ts-check
import tseslint from 'typescript-eslint';
import { boundaries } from './lint/boundaries.js';

/** The layers of DESIGN.md (docs/adr/0012-boundaries-enforced-by-lint.md); tests are exempt. */
const zones = [
  {
    from: ['src/core/'],
    allow: ['src/core/', 'zod'],
    message: 'src/core imports only src/core and pure libraries (zod): no I/O, no frameworks',
  },
  {
    from: ['src/http/', 'src/render/'],
    forbid: ['src/storage/'],
    message: "http and render never import storage: they read through the core's ports",
  },
  {
    from: ['src/render/'],
    forbid: ['src/http/'],
    message: 'render never imports http: it turns views into HTML',
  },
  {
    from: ['src/import/', 'src/export/', 'src/backup/'],
    forbid: ['src/storage/'],
    message: "import, export and backup never import storage: they go through the core's ports",
  },
  {
    from: ['src/'],
    forbid: ['test/', 'bench/', 'tools/'],
    message: 'src/ ships: it never imports test/, bench/ or tools/',
  },
  { from: ['bench/', 'tools/'], forbid: ['test/'], message: 'bench/ and tools/ never import test/' },
];

const ENV_MESSAGE = 'only src/config reads the environment: take the value from Config';

export default tseslint.config(
  { ignores: ['node_modules/', '.tools/', 'data/', 'coverage/', 'bench/results/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.ts', '**/*.js'],
    ignores: ['**/*.test.ts'],
    plugins: { samizdat: { rules: { boundaries } } },
    rules: { 'samizdat/boundaries': ['error', { zones }] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config/**', '**/*.test.ts'],
    rules: {
      // Also catches `const { env } = process`.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: ENV_MESSAGE }],
      'no-restricted-imports': [
        'error',
        {
          paths: ['node:process', 'process'].map((name) => ({
            name,
            importNames: ['env'],
            message: ENV_MESSAGE,
          })),
        },
      ],
    },
  },
);
