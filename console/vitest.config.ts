import { defineConfig } from 'vitest/config';

/** Unit tests of the console's pure rules (no DOM): `npm test -w console`. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
