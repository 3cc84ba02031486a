import { defineConfig } from 'vitest/config';

// Core tests run in Node; files that need a DOM say so with a
// `// @vitest-environment jsdom` docblock. Browser tests (test/browser) need
// the built dist/: the stories (test/browser/stories) run once per engine,
// one file each — chromium, firefox and webkit.stories.test.ts — through the
// driver-neutral adapter in test/browser/engines; the other browser files are
// Chromium-only, through playwright-core. `npm run test:quick` leaves out the
// Firefox and WebKitGTK files.
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
