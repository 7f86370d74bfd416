import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest keeps a core for itself by default (one worker on a 2-core machine), but its main
    // process is idle while files run: one worker per core uses the whole machine.
    maxWorkers: availableParallelism(),
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
