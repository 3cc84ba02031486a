import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { launchChromium } from './chromium';

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

test('the script-tag build starts by itself and exposes window.consentkit', async () => {
  server.page('/', `<!doctype html><html lang="en"><head><script src="/consentkit.min.js" data-policy-version="2018-05-24"></script></head><body><p>Hello</p></body></html>`);
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.origin + '/');
  const state = await page.evaluate(() => {
    const ck = window.consentkit!;
    const before = ck.get();
    const receipt = ck.acceptAll();
    return { before, has: ck.has('analytics'), action: receipt.action, policy: receipt.policy.version, cookie: document.cookie };
  });
  expect(state).toMatchObject({ before: null, has: true, action: 'accept-all', policy: '2018-05-24' });
  expect(state.cookie).toMatch(/^consentkit=/);
  expect(errors).toEqual([]);
  await page.close();
});
