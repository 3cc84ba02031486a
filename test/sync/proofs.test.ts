// The proof protocol from the browser's side, against a real ledger (its
// HTTP server on 127.0.0.1, an SQLite file in a temp folder, its own Ed25519
// key) and Node's real fetch and Web Crypto. The SDK reaches it through a
// forwarding front, which can fail chosen requests as a network would.
import Database from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { createConsentCore } from '../../src/core/createConsentCore';
import { createNoticeDigest } from '../../src/core/noticeDigest';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import type { ConsentError } from '../../src/core/state';
import type { Transport } from '../../src/platform/Platform';
import { parsePublicKey, verifyAck } from '../../src/server/index';
import { createSync } from '../../src/sync/createSync';
import { shownNotice } from '../../src/ui/shownText';
import { textsFor } from '../../src/ui/texts';
import { startFailingFront } from '../helpers/failingFront';
import { createMemoryPlatform } from '../platform/memoryPlatform';
import { startTempLedger } from '../server/ledgerFixture';
import { newBrowser, outboxIds, type Browser } from './helpers';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  // Pages first, then the front, then the ledger.
  for (const server of servers.splice(0).reverse()) await server.close();
});

async function all<T>(items: Iterable<T> | AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const item of items) list.push(item);
  return list;
}

/** A real ledger on the browser's clock, and the front the SDK reaches it through. */
async function startLedger() {
  const ledger = await startTempLedger({ clock: () => Date.now() });
  servers.push(ledger);
  const front = await startFailingFront(ledger.server.url);
  servers.push(front);
  const store = ledger.server.store;
  const proof = store.proof!;
  // The key a verifier gets from the ledger itself.
  const key = parsePublicKey(await (await fetch(ledger.at('/key'))).text());
  return {
    front,
    endpoint: front.endpoint,
    key,
    proof,
    /** The SQLite file. */
    db: ledger.db,
    /** What the ledger says of an ack: signed by its key, and its receipt held unchanged ('present')? */
    verify: async (ack: unknown) => (await verifyAck(ack, { tombstones: () => store.tombstones(), proof }, key)).status,
    /** The hashes of the notices the ledger archived. */
    archived: async () => (await all(proof.notices())).map((n) => n.hash),
    /** The ids of the receipts the ledger stored, one row each. */
    storedIds: async () => (await all(store.rows())).map((row) => row.id),
    /** `GET {base}/notices/{hash}` asked of the ledger directly: status and body. */
    notice: async (hash: string) => {
      const response = await fetch(ledger.at('/notices/' + hash));
      return { status: response.status, body: await response.text() };
    },
  };
}

const webCrypto = (bytes: Uint8Array<ArrayBuffer>) => crypto.subtle.digest('SHA-256', bytes);

/** One page load as createConsentKit wires it: the notice's digest, the core and the sync. */
function loadPage(
  browser: Browser,
  endpoint: string,
  { hasWebCrypto = true, language = 'en', services = [{ name: 'Matomo', cookies: ['_pk_*'] }] as object[], fetch }: { hasWebCrypto?: boolean; language?: string; services?: object[]; fetch?: Transport['fetch'] } = {},
) {
  const { config } = normalizeConfig({ endpoint, policyVersion: '2018-05-24', policyUrl: '/privacy', categories: { analytics: { services } } });
  const notice = createNoticeDigest(() => shownNotice(config, textsFor(language, config.texts), language), hasWebCrypto ? webCrypto : undefined);
  const platform = createMemoryPlatform({ clock: { now: () => Date.now() }, ...(fetch && { fetch }) });
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

  const ack = core.receipts()[0]?.ack;
  expect(ack).toMatchObject({ v: 1, receipt: first.id, subject: first.subject, keyId: ledger.key.keyId, signature: expect.stringMatching(/^[\w-]{86}$/) });
  expect(await ledger.verify(ack)).toBe('present');
  // The ledger lacked the notice: it was uploaded, and the ledger filed it under the same hash, byte for byte.
  expect(ledger.front.requests).toEqual(['POST /receipts', 'POST /notices']);
  expect(await ledger.archived()).toEqual([first.shownHash]);
  const archived = await ledger.notice(first.shownHash);
  expect(archived).toEqual({ status: 200, body: notice.noticeJson() });
  expect(JSON.parse(archived.body)).toMatchObject({ v: 1, language: 'en', policy: { version: '2018-05-24', url: '/privacy' } });

  // The ledger holds it now: the next decision sends the receipt alone.
  const second = core.withdraw('analytics');
  await sync.flush();
  expect(ledger.front.requests).toEqual(['POST /receipts', 'POST /notices', 'POST /receipts']);
  expect(core.receipts().map((r) => r.ack?.receipt)).toEqual([first.id, second.id]);
  expect(await ledger.verify(core.receipts()[1]?.ack)).toBe('present');
});

test('a notice is uploaded at most once per browser, even when a ledger asks again', async () => {
  const ledger = await startLedger();
  const browser = newBrowser();
  const page = loadPage(browser, ledger.endpoint);
  await page.notice.hashNotice();
  const hash = page.core.acceptAll().shownHash;
  await page.sync.flush();
  expect(ledger.front.requests.filter((r) => r === 'POST /notices')).toHaveLength(1);

  // The ledger loses its notices (say, a backup from before the upload restored); it asks for this one again.
  const file = new Database(ledger.db);
  file.prepare('DELETE FROM notices').run();
  file.close();
  expect(await ledger.proof.missingNotices([hash])).toEqual([hash]);

  // This browser remembers it uploaded it already.
  const reload = loadPage(browser, ledger.endpoint);
  await reload.notice.hashNotice();
  reload.core.rejectAll();
  expect(await reload.sync.flush()).toEqual({ sent: 1, pending: 0 });
  expect(ledger.front.requests).toEqual(['POST /receipts', 'POST /notices', 'POST /receipts']);
  expect((await ledger.notice(hash)).status).toBe(404);
  expect(JSON.parse(browser.store.get('consentkit:notices') ?? '[]')).toEqual([reload.core.receipts()[1]?.shownHash]);
});

test('a failed upload keeps the receipts in the outbox, says so, and the retry uploads it', async () => {
  const ledger = await startLedger();
  ledger.front.fail('POST /notices', 503);
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
  expect(await ledger.archived()).toEqual([]);

  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  expect(ledger.front.requests).toEqual(['POST /receipts', 'POST /notices', 'POST /receipts', 'POST /notices']);
  expect(await ledger.archived()).toEqual([receipt.shownHash]);
  expect(await ledger.storedIds()).toEqual([receipt.id]);
});

test('a notice the ledger refuses for good is dropped with an error event, and not sent again', async () => {
  const ledger = await startLedger();
  // 30 services, each with a provider, purpose and duration of 1,000 characters: a notice over the ledger's bound of 64 KB.
  const long = 'x'.repeat(1000);
  const services = Array.from({ length: 30 }, (_, i) => ({ name: `Service ${i}`, provider: long, purpose: long, duration: long }));
  const browser = newBrowser();
  const { core, sync, notice, errors } = loadPage(browser, ledger.endpoint, { services });
  await notice.hashNotice();
  const receipt = core.acceptAll();
  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  expect(errors).toEqual([{ code: 'sync', message: `notice ${receipt.shownHash} refused`, detail: { notice: receipt.shownHash, status: 413 } }]);
  core.rejectAll();
  await sync.flush();
  expect(ledger.front.requests).toEqual(['POST /receipts', 'POST /notices', 'POST /receipts']);
  expect(await ledger.archived()).toEqual([]);
  expect((await ledger.storedIds()).length).toBe(2);
});

test('without Web Crypto (plain http) receipts carry the 64-bit digest of the same notice, and nothing is uploaded', async () => {
  const ledger = await startLedger();
  const { core, sync, notice } = loadPage(newBrowser(), ledger.endpoint, { hasWebCrypto: false });
  await notice.hashNotice();
  const receipt = core.acceptAll();
  expect(receipt.shownHash).toMatch(/^[0-9a-f]{16}$/);
  await sync.flush();
  expect(ledger.front.requests).toEqual(['POST /receipts']);
  expect(core.receipts()[0]?.ack?.receipt).toBe(receipt.id);
  expect(await ledger.verify(core.receipts()[0]?.ack)).toBe('present');
  expect(await ledger.archived()).toEqual([]);
});

test('a decision taken before the SHA-256 is ready records the 64-bit digest at once, and is never held back', async () => {
  const ledger = await startLedger();
  const browser = newBrowser();
  const { core, sync, notice } = loadPage(browser, ledger.endpoint);
  const early = core.acceptAll();
  expect(early.shownHash).toMatch(/^[0-9a-f]{16}$/);
  expect(outboxIds(browser.store)).toEqual([early.id]);
  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  expect(await ledger.storedIds()).toEqual([early.id]);
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
  // Two more decisions reach the ledger by beacon, their answers lost: the page's own
  // send of them fails, the beacon is stored, and (say another tab delivered them)
  // they leave the outbox, so that only access() can bring their acks.
  ledger.front.fail('POST /receipts', 503);
  const beaconed = [core.rejectAll(), core.save({ analytics: true })];
  expect(await sync.flush()).toEqual({ sent: 0, pending: 2 });
  const beacon = await fetch(ledger.endpoint + '/receipts', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ receipts: beaconed }) });
  expect(beacon.status).toBe(201);
  browser.store.remove('consentkit:outbox');
  expect(await ledger.storedIds()).toEqual(core.receipts().map((r) => r.id));
  expect(core.receipts().map((r) => r.ack === undefined)).toEqual([false, true, true]);

  const records = await sync.access();
  expect(core.receipts().map((r) => r.ack?.receipt)).toEqual(core.receipts().map((r) => r.id));
  expect(await Promise.all(core.receipts().map((r) => ledger.verify(r.ack)))).toEqual(['present', 'present', 'present']);
  const hash = beaconed[0]!.shownHash;
  expect(records?.notices).toEqual({ [hash]: JSON.parse((await ledger.notice(hash)).body) });
  expect(records?.notices?.[hash]?.banner.buttons).toEqual(['Accept all', 'Reject all', 'Customize', 'Continue without accepting']);
  expect(ledger.front.requests.filter((r) => r.startsWith('GET /notices/'))).toEqual([`GET /notices/${hash}`]);
});

test('answers with malformed acks or missingNotices store nothing wrong and break nothing', async () => {
  // No consentkit ledger answers so (the ones above never do); a ledger of another make might. The
  // answers are handed to the page as its fetch: what is tested is what the page makes of them.
  const answers = [{ acks: 'x', missingNotices: 7 }, { acks: [null, 3, { receipt: 'other' }], missingNotices: [null, {}] }];
  const fetch = async () => new Response(JSON.stringify(answers.shift() ?? {}), { status: 201, headers: { 'content-type': 'application/json' } });
  const { core, sync, notice, errors } = loadPage(newBrowser(), 'https://ledger.example/api/consent', { fetch });
  await notice.hashNotice();
  core.acceptAll();
  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  core.rejectAll();
  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  expect(answers).toEqual([]);
  expect(core.receipts().map((r) => r.ack)).toEqual([undefined, undefined]);
  expect(errors).toEqual([]);
});
