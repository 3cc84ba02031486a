import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { createLedgerHandler, createSqliteStore, verifyLedger, type SqliteStore } from '../../src/server/index';
import { launchChromium } from './chromium';

let browser: Browser;
let server: TestServer;
let store: SqliteStore;
const dir = mkdtempSync(join(tmpdir(), 'consentkit-e2e-'));

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
  store = createSqliteStore(join(dir, 'consent.db'), { synchronous: 'normal' });
  const ledger = createLedgerHandler({ store });
  // The page and the ledger share an origin, as on a real site mounting it at /api/consent.
  server.route('/api/consent/receipts', async (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const response = await ledger(new Request(server.origin + req.path, { method: req.method, headers, body: hasBody ? req.body : null }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(await response.text());
  });
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a decision taken in the browser is stored in the ledger once flushed', async () => {
  server.page(
    '/',
    `<!doctype html><html lang="en"><head><script src="/consentkit.min.js" data-endpoint="/api/consent" data-policy-version="2018-05-24" data-policy-url="/privacy"></script></head><body><p>Hello</p></body></html>`,
  );
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.origin + '/');
  const receipt = await page.evaluate(async () => {
    const receipt = window.consentkit!.acceptAll();
    await window.consentkit!.flush();
    return receipt;
  });
  await page.close();

  const stored = store.read(receipt.subject, { after: null, limit: 500 }).rows;
  expect(stored.map((row) => JSON.parse(row.body))).toEqual([receipt]);
  expect(server.requests.filter((r) => r.path === '/api/consent/receipts').map((r) => r.method)).toContain('POST');
  expect(await verifyLedger(store)).toMatchObject({ ok: true, receipts: 1 });
  expect(errors).toEqual([]);
});
