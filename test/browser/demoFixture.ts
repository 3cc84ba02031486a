import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
// @ts-expect-error the demo server is plain JavaScript
import { startDemo } from '../../examples/serve.mjs';

/**
 * The `npm start` demo on a free port with a throwaway database, and a
 * Chromium, for the file's tests; both are closed after them.
 */
export function useDemo(): { browser: Browser; url: string } {
  const fixture = { browser: undefined as unknown as Browser, url: '' };
  const dir = mkdtempSync(join(tmpdir(), 'consentkit-demo-'));
  let demo: { url: string; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    [fixture.browser, demo] = await Promise.all([launchChromium(), startDemo({ port: 0, host: '127.0.0.1', db: join(dir, 'demo.db') })]);
    fixture.url = demo!.url;
  });
  afterAll(async () => {
    await Promise.all([fixture.browser?.close(), demo?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });
  return fixture;
}
