// The proof protocol from the browser's side, against a real HTTP server on
// 127.0.0.1 (a stand-in for the ledger's side, see proofLedger.ts) and Node's
// real fetch and Web Crypto.
import { afterEach, expect, test } from 'vitest';
import { createConsentCore } from '../../src/core/createConsentCore';
import { createNoticeDigest } from '../../src/core/noticeDigest';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import type { ConsentError } from '../../src/core/state';
import { createSync } from '../../src/sync/createSync';
import { shownNotice } from '../../src/ui/shownText';
import { textsFor } from '../../src/ui/texts';
import { createMemoryPlatform } from '../platform/memoryPlatform';
import { newBrowser, outboxIds, type Browser } from './helpers';
import { listen } from './ledger';
import { createProofLedger } from './proofLedger';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function startLedger() {
  const ledger = createProofLedger();
  const server = await listen(0, ledger.route);
  servers.push(server);
  return { ...ledger, endpoint: `http://127.0.0.1:${server.port}/api/consent` };
}

const webCrypto = (bytes: Uint8Array<ArrayBuffer>) => crypto.subtle.digest('SHA-256', bytes);

/** One page load as createConsentKit wires it: the notice's digest, the core and the sync. */
function loadPage(browser: Browser, endpoint: string, { hasWebCrypto = true, language = 'en' } = {}) {
  const { config } = normalizeConfig({ endpoint, policyVersion: '2018-05-24', policyUrl: '/privacy', categories: { analytics: { services: [{ name: 'Matomo', cookies: ['_pk_*'] }] } } });
  const notice = createNoticeDigest(() => shownNotice(config, textsFor(language, config.texts), language), hasWebCrypto ? webCrypto : undefined);
  const platform = createMemoryPlatform({ clock: { now: () => Date.now() } });
  const core = createConsentCore(config, { slot: browser.slot, store: browser.store, clock: platform.clock, language, shownHash: notice.currentHash, shownText: notice.noticeJson });
  const errors: ConsentError[] = [];
  core.on('error', (error) => errors.push(error));
  const sync = createSync(core, { platform, store: browser.store, notice, random: () => 0 });
  servers.push({ close: async () => sync.destroy() });
  return { core, sync, notice, errors };
}

test('a decision is acknowledged: ck.receipts() shows the signed ack, and the notice is uploaded once', async () => {
  const ledger = await startLedger();
  const browser = newBrowser();
  const { core, sync, notice } = loadPage(browser, ledger.endpoint);
  await notice.hashNotice();
  const first = core.acceptAll();
  expect(first.shownHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });

  expect(core.receipts()[0]?.ack).toEqual({ ...ledger.acks.get(first.id), signature: expect.stringMatching(/^[\w-]{86}$/) });
  expect(core.receipts()[0]?.ack).toMatchObject({ v: 1, receipt: first.id, subject: first.subject, keyId: 'test-key-1' });
  // The ledger lacked the notice: it was uploaded, and the ledger found the same hash in it.
  expect(ledger.requests).toEqual(['POST /receipts', 'POST /notices']);
  expect([...ledger.notices.keys()]).toEqual([first.shownHash]);
  expect(JSON.parse(ledger.notices.get(first.shownHash)!)).toMatchObject({ v: 1, language: 'en', policy: { version: '2018-05-24', url: '/privacy' } });

  // The ledger holds it now: the next decision sends the receipt alone.
  const second = core.withdraw('analytics');
  await sync.flush();
  expect(ledger.requests).toEqual(['POST /receipts', 'POST /notices', 'POST /receipts']);
  expect(core.receipts().map((r) => r.ack?.receipt)).toEqual([first.id, second.id]);
});

test('a notice is uploaded at most once per browser, even when a ledger asks again', async () => {
  const ledger = await startLedger();
  const browser = newBrowser();
  const page = loadPage(browser, ledger.endpoint);
  await page.notice.hashNotice();
  page.core.acceptAll();
  await page.sync.flush();
  expect(ledger.requests.filter((r) => r === 'POST /notices')).toHaveLength(1);

  // The ledger loses its notices; this browser remembers it uploaded this one already.
  ledger.notices.clear();
  const reload = loadPage(browser, ledger.endpoint);
  await reload.notice.hashNotice();
  reload.core.rejectAll();
  expect(await reload.sync.flush()).toEqual({ sent: 1, pending: 0 });
  expect(ledger.requests).toEqual(['POST /receipts', 'POST /notices', 'POST /receipts']);
  expect(JSON.parse(browser.store.get('consentkit:notices') ?? '[]')).toEqual([reload.core.receipts()[1]?.shownHash]);
});

test('a failed upload keeps the receipts in the outbox, says so, and the retry uploads it', async () => {
  const ledger = await startLedger();
  ledger.failNoticeUploads(503);
  const browser = newBrowser();
  const { core, sync, notice, errors } = loadPage(browser, ledger.endpoint);
  await notice.hashNotice();
  const receipt = core.acceptAll();
  expect(await sync.flush()).toEqual({ sent: 0, pending: 1 });
  expect(outboxIds(browser.store)).toEqual([receipt.id]);
  expect(errors).toEqual([
    { code: 'sync', message: `notice ${receipt.shownHash} not delivered (status 503); kept, retrying in 1 s`, detail: { notice: receipt.shownHash, status: 503, retryIn: 1000 } },
  ]);
  // The ack arrived with the first answer and is kept already.
  expect(core.receipts()[0]?.ack?.receipt).toBe(receipt.id);

  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  expect(ledger.requests).toEqual(['POST /receipts', 'POST /notices', 'POST /receipts', 'POST /notices']);
  expect([...ledger.notices.keys()]).toEqual([receipt.shownHash]);
  expect([...ledger.receipts.keys()]).toEqual([receipt.id]);
});

test('a notice the ledger refuses for good is dropped with an error event, and not sent again', async () => {
  const ledger = await startLedger();
  ledger.failNoticeUploads(413);
  const browser = newBrowser();
  const { core, sync, notice, errors } = loadPage(browser, ledger.endpoint);
  await notice.hashNotice();
  const receipt = core.acceptAll();
  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  expect(errors).toEqual([{ code: 'sync', message: `notice ${receipt.shownHash} refused`, detail: { notice: receipt.shownHash, status: 413 } }]);
  core.rejectAll();
  await sync.flush();
  expect(ledger.requests).toEqual(['POST /receipts', 'POST /notices', 'POST /receipts']);
});

test('without Web Crypto (plain http) receipts carry the 64-bit digest of the same notice, and nothing is uploaded', async () => {
  const ledger = await startLedger();
  const { core, sync, notice } = loadPage(newBrowser(), ledger.endpoint, { hasWebCrypto: false });
  await notice.hashNotice();
  const receipt = core.acceptAll();
  expect(receipt.shownHash).toMatch(/^[0-9a-f]{16}$/);
  await sync.flush();
  expect(ledger.requests).toEqual(['POST /receipts']);
  expect(core.receipts()[0]?.ack?.receipt).toBe(receipt.id);
});

test('a decision taken before the SHA-256 is ready records the 64-bit digest at once, and is never held back', async () => {
  const ledger = await startLedger();
  const browser = newBrowser();
  const { core, sync, notice } = loadPage(browser, ledger.endpoint);
  const early = core.acceptAll();
  expect(early.shownHash).toMatch(/^[0-9a-f]{16}$/);
  expect(outboxIds(browser.store)).toEqual([early.id]);
  await sync.flush();
  await notice.hashNotice();
  expect(core.rejectAll().shownHash).toMatch(/^sha256:/);
});

test('access() keeps acks whose answer never came (a beacon) and resolves each distinct notice once', async () => {
  const ledger = await startLedger();
  const browser = newBrowser();
  const { core, sync, notice } = loadPage(browser, ledger.endpoint);
  await notice.hashNotice();
  core.acceptAll();
  await sync.flush();
  // Two more decisions reach the ledger by beacon: stored there, their answers lost.
  const beaconed = [core.rejectAll(), core.save({ analytics: true })];
  await fetch(ledger.endpoint + '/receipts', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ receipts: beaconed }) });
  browser.store.remove('consentkit:outbox');
  expect(core.receipts().map((r) => r.ack === undefined)).toEqual([false, true, true]);

  const records = await sync.access();
  expect(core.receipts().map((r) => r.ack?.receipt)).toEqual(core.receipts().map((r) => r.id));
  const hash = beaconed[0]!.shownHash;
  expect(records?.notices).toEqual({ [hash]: JSON.parse(ledger.notices.get(hash)!) });
  expect(records?.notices?.[hash]?.banner.buttons).toEqual(['Accept all', 'Reject all', 'Customize', 'Continue without accepting']);
  expect(ledger.requests.filter((r) => r.startsWith('GET /notices/'))).toEqual([`GET /notices/${hash}`]);
});

test('answers with malformed acks or missingNotices store nothing wrong and break nothing', async () => {
  const browser = newBrowser();
  const answers = [{ acks: 'x', missingNotices: 7 }, { acks: [null, 3, { receipt: 'other' }], missingNotices: [null, {}] }];
  const server = await listen(0, (_request, response) => {
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answers.shift() ?? {}));
  });
  servers.push(server);
  const { core, sync, notice, errors } = loadPage(browser, `http://127.0.0.1:${server.port}/api/consent`);
  await notice.hashNotice();
  core.acceptAll();
  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  core.rejectAll();
  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  expect(core.receipts().map((r) => r.ack)).toEqual([undefined, undefined]);
  expect(errors).toEqual([]);
});
