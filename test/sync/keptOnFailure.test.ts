// Answers that are no verdict on the receipt, from a network or a proxy between
// the SDK and the real ledger (its HTTP server on 127.0.0.1, an SQLite file in
// a temp folder): a forwarding front gives them, and passes everything else on.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { startFailingFront, type FailingFront } from '../helpers/failingFront';
import { startTempLedger, type TempLedger } from '../server/ledgerFixture';
import { loadPage, newBrowser, receiptPosts } from './helpers';

let ledger: TempLedger;
let front: FailingFront;
beforeEach(async () => {
  ledger = await startTempLedger({ clock: () => Date.now() });
  front = await startFailingFront(ledger.server.url);
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(async () => {
  await front.close();
  await ledger.close();
});

const DAY = 86_400_000;

test('a 403 or a 404 (a proxy, a firewall, a misrouted path) keeps the receipt: it is retried slowly, says so, and is delivered', async () => {
  front.fail('POST /receipts', 403, 404);
  // Every retry runs at once; the wait asked for is in the error event.
  const { core, sync, events, outbox } = loadPage(newBrowser(), front.endpoint, { wait: (run) => setTimeout(run, 0) });
  const delivered = new Promise<void>((resolve) => core.on('sync', ({ sent }) => sent > 0 && resolve()));
  const receipt = core.acceptAll();
  await delivered;
  expect(receiptPosts(front)).toEqual([
    { ids: [receipt.id], status: 403 },
    { ids: [receipt.id], status: 404 },
    { ids: [receipt.id], status: 201 },
  ]);
  expect(await ledger.storedIds()).toEqual([receipt.id]);
  expect(outbox()).toEqual([]);
  expect(events).toEqual([
    { error: { code: 'sync', message: `receipt ${receipt.id} not delivered (status 403); kept, retrying in 300 s`, detail: { receipts: [receipt.id], status: 403, retryIn: 300_000 } } },
    { sync: { sent: 0, pending: 1 } },
    { error: { code: 'sync', message: `receipt ${receipt.id} not delivered (status 404); kept, retrying in 600 s`, detail: { receipts: [receipt.id], status: 404, retryIn: 600_000 } } },
    { sync: { sent: 0, pending: 1 } },
    { sync: { sent: 1, pending: 0 } },
  ]);
  sync.destroy();
});

test('a receipt still undelivered 30 days after it was queued is dropped, with an error event that says so', async () => {
  let now = Date.parse('2026-11-01T12:00:00Z');
  front.fail('POST /receipts', ...Array<number>(3).fill(503));
  const { core, sync, events, outbox } = loadPage(newBrowser(), front.endpoint, { now: () => now, wait: () => setTimeout(() => {}, 0) });
  const old = core.acceptAll();
  await sync.flush();
  now += 29 * DAY;
  const recent = core.withdraw('marketing');
  await sync.flush();
  expect(outbox()).toEqual([old.id, recent.id]);

  now += DAY;
  await sync.flush();
  expect(outbox()).toEqual([recent.id]);
  expect(receiptPosts(front)).toEqual([
    { ids: [old.id], status: 503 },
    { ids: [old.id, recent.id], status: 503 },
    { ids: [recent.id], status: 503 },
  ]);
  expect(events.filter((e) => 'error' in e && e.error.message.includes('30 days'))).toEqual([
    { error: { code: 'sync', message: `receipt ${old.id} undelivered for 30 days; dropped`, detail: { receipts: [old.id] } } },
  ]);
  // The network back, the recent one is delivered; the ledger never saw the old one.
  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  expect(await ledger.storedIds()).toEqual([recent.id]);
  sync.destroy();
});
