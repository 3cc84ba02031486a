import { defineConfig } from 'vitest/config';

// Core tests run in Node; files that need a DOM say so with a
// `// @vitest-environment jsdom` docblock. Browser tests (test/browser) drive
// Debian's Chromium through playwright-core and need the built dist/.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    restoreMocks: true,
    reporters: ['default', './test/summaryReporter.ts'],
  },
});
