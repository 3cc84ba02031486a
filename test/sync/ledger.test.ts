// Delivery against the real ledger (its HTTP server on 127.0.0.1, an SQLite
// file in a temp folder) and Node's real fetch. The SDK reaches it through a
// forwarding front, which fails the requests a test names as a network or a
// proxy would; what was stored is read from the ledger.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createConsentKit } from '../../src/createConsentKit';
import { createMemoryStore } from '../../src/core/storage';
import type { LedgerServerOptions } from '../../src/server/index';
import { startFailingFront } from '../helpers/failingFront';
import { startTempLedger } from '../server/ledgerFixture';
import { loadPage, newBrowser, receiptPosts, retryWaits } from './helpers';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  // The front first, then the ledger.
  for (const server of servers.splice(0).reverse()) await server.close();
});
beforeEach(() => {
  vi.spyOn(Math, 'random').mockReturnValue(0);
});

/** A real ledger, on the browser's clock unless told otherwise, and the front the SDK reaches it through. */
async function startLedger(options: LedgerServerOptions = {}) {
  const ledger = await startTempLedger({ clock: () => Date.now(), ...options });
  servers.push(ledger);
  const front = await startFailingFront(ledger.server.url);
  servers.push(front);
  return { ledger, front };
}

const settled = (on: (listener: (s: { pending: number }) => void) => () => void) =>
  new Promise<void>((resolve) => {
    const off = on((s) => s.pending === 0 && (off(), resolve()));
  });

test("503, 503 from the network, then the ledger's own 429 with Retry-After: 1: delivered once, after waits of 1 s, 2 s and 1 s", async () => {
  // One clock for the page and the ledger, moved on by every wait the sync asks for; the waits themselves take no time.
  let now = Date.now();
  const wait = (run: () => void, ms: number) => {
    now += ms;
    return setTimeout(run, 0);
  };
  // At most one new receipt per subject in 4 s: a second decision soon after the first gets the ledger's 429.
  const { ledger, front } = await startLedger({ clock: () => now, subjectLimit: { limit: 1, windowMs: 4000 } });
  const { core, sync, events } = loadPage(newBrowser(), front.endpoint, { now: () => now, wait });
  const accepted = core.acceptAll();
  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });

  front.fail('POST /receipts', 503, 503);
  const done = settled((fn) => core.on('sync', fn));
  const withdrawn = core.withdraw('marketing');
  await done;
  // 1 s and 2 s of backoff, then the ledger asked for 1 s more (the first receipt leaves its 4 s window), where the backoff says 4 s.
  expect(retryWaits(events)).toEqual([1000, 2000, 1000]);
  expect(receiptPosts(front)).toEqual([
    { ids: [accepted.id], status: 201 },
    { ids: [withdrawn.id], status: 503 },
    { ids: [withdrawn.id], status: 503 },
    { ids: [withdrawn.id], status: 429 },
    { ids: [withdrawn.id], status: 201 },
  ]);
  expect(front.exchanges.map((e) => e.contentType)).toEqual(Array(5).fill('application/json'));
  expect(await ledger.storedIds()).toEqual([accepted.id, withdrawn.id]);
  expect(events.at(-1)).toEqual({ sync: { sent: 1, pending: 0 } });
  sync.destroy();
});

test('a ledger that refuses connections, then comes back on the same port, gets every receipt once', async () => {
  const { ledger, front: first } = await startLedger();
  const port = Number(new URL(first.endpoint).port);
  await first.close();
  let retry = () => {};
  const { core, sync, outbox } = loadPage(newBrowser(), first.endpoint, {
    wait: (run) => {
      retry = run;
      return setTimeout(() => {}, 0);
    },
  });
  const failed = new Promise((resolve) => core.on('sync', resolve));
  const accepted = core.acceptAll();
  const withdrawn = core.withdraw('marketing');
  expect(await failed).toEqual({ sent: 0, pending: 2 });
  expect(outbox()).toEqual([accepted.id, withdrawn.id]);

  const again = await startFailingFront(ledger.server.url, { port });
  servers.push(again);
  const done = settled((fn) => core.on('sync', fn));
  retry();
  await done;
  expect(receiptPosts(again)).toEqual([{ ids: [accepted.id, withdrawn.id], status: 201 }]);
  expect(await ledger.storedIds()).toEqual([accepted.id, withdrawn.id]);
  sync.destroy();
});

test('a receipt the ledger refuses for good (413: larger than its body limit) is dropped with an error event naming it', async () => {
  // The ledger's operator set a body limit smaller than one receipt.
  const { ledger, front } = await startLedger({ maxBodyBytes: 200 });
  const { core, sync, events, outbox } = loadPage(newBrowser(), front.endpoint);
  const refused = new Promise((resolve) => core.on('error', resolve));
  const receipt = core.acceptAll();
  expect(await refused).toEqual({ code: 'sync', message: expect.stringContaining(receipt.id), detail: { receipts: [receipt.id], status: 413 } });
  await sync.flush();
  expect(outbox()).toEqual([]);
  expect(receiptPosts(front)).toEqual([{ ids: [receipt.id], status: 413 }]);
  expect(await ledger.storedIds()).toEqual([]);
  expect(events.filter((e) => 'sync' in e)).toEqual([{ sync: { sent: 0, pending: 0 } }]);
  sync.destroy();
});

test('createConsentKit: a receipt left pending is delivered by the next kit on the same storage', async () => {
  const { ledger, front } = await startLedger();
  front.fail('POST /receipts', 503);
  const store = createMemoryStore();
  const cookie = { value: null as string | null };
  const slot = { read: () => cookie.value, write: (v: string) => void (cookie.value = v), remove: () => void (cookie.value = null) };
  const config = { endpoint: front.endpoint };
  const first = createConsentKit(config, { store, slot });
  const failed = new Promise((resolve) => first.on('sync', resolve));
  const receipt = first.acceptAll();
  expect(await failed).toEqual({ sent: 0, pending: 1 });
  first.destroy();

  const second = createConsentKit(config, { store, slot });
  const delivered = new Promise((resolve) => second.on('sync', resolve));
  expect(await delivered).toEqual({ sent: 1, pending: 0 });
  expect(receiptPosts(front)).toEqual([
    { ids: [receipt.id], status: 503 },
    { ids: [receipt.id], status: 201 },
  ]);
  expect(await ledger.storedIds()).toEqual([receipt.id]);
  expect(second.get()?.receipt).toBe(receipt.id);
  second.destroy();
});
