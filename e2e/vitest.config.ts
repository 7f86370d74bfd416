import { defineConfig } from 'vitest/config';

/**
 * Browser tests of the console: one real server (built console, demo data, fresh data directory)
 * per file, driven through Debian's Chromium by playwright-core. Files run one after another so
 * two servers never seed at the same time.
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.e2e.test.ts'],
    testTimeout: 120_000,
    // Building the console and seeding the demo data happen in beforeAll.
    hookTimeout: 420_000,
    fileParallelism: false,
  },
});
