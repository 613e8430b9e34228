// @ts-check
import tseslint from 'typescript-eslint';

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
    // The architecture's one hard rule: the core knows nothing outside itself.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../*', '!../../core/*'], message: 'core imports nothing outside src/core' },
            {
              group: ['hono', 'hono/*', 'kysely', 'pg', 'better-sqlite3', 'node:*'],
              message: 'core has no I/O or frameworks',
            },
          ],
        },
      ],
    },
  },
);
