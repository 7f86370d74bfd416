import { defineConfig } from 'vitest/config';

/**
 * Browser tests of the console: one real server per file on a fresh copy of demo data seeded
 * once per run (support/global-setup.ts, which also builds the console), driven through Debian's
 * Chromium by playwright-core. Files run one after another: one server and browser at a time.
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.e2e.test.ts'],
    globalSetup: ['./support/global-setup.ts'],
    testTimeout: 120_000,
    // Building the console and seeding the demo data happen in the global setup.
    hookTimeout: 420_000,
    fileParallelism: false,
  },
});
