import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Browser and database suites start servers and databases: keep them from fighting over 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
