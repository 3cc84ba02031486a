// Against a real HTTP server on 127.0.0.1 and Node's real fetch: no mocked network.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { startErasingLedger } from './erasingLedger';
import { loadPage, newBrowser } from './helpers';

let ledger: Awaited<ReturnType<typeof startErasingLedger>>;
beforeEach(async () => {
  ledger = await startErasingLedger();
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => ledger.close());

const DAY = 86_400_000;

test('a 403 or a 404 (a proxy, a firewall, a misrouted path) keeps the receipt: it is retried slowly, says so, and is delivered', async () => {
  ledger.answer(403, 404);
  // Every retry runs at once; the wait asked for is in the error event.
  const { core, sync, events, outbox } = loadPage(newBrowser(), ledger.endpoint, { wait: (run) => setTimeout(run, 0) });
  const delivered = new Promise<void>((resolve) => core.on('sync', ({ sent }) => sent > 0 && resolve()));
  const receipt = core.acceptAll();
  await delivered;
  expect(ledger.posts).toEqual([
    { ids: [receipt.id], status: 403 },
    { ids: [receipt.id], status: 404 },
    { ids: [receipt.id], status: 201 },
  ]);
  expect([...ledger.stored.keys()]).toEqual([receipt.id]);
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
  ledger.answer(...Array<number>(5).fill(503));
  const { core, sync, events, outbox } = loadPage(newBrowser(), ledger.endpoint, { now: () => now, wait: () => setTimeout(() => {}, 0) });
  const old = core.acceptAll();
  await sync.flush();
  now += 29 * DAY;
  const recent = core.withdraw('marketing');
  await sync.flush();
  expect(outbox()).toEqual([old.id, recent.id]);

  now += DAY;
  await sync.flush();
  expect(outbox()).toEqual([recent.id]);
  expect(ledger.posts.map((p) => p.ids)).toEqual([[old.id], [old.id, recent.id], [recent.id]]);
  expect(events.filter((e) => 'error' in e && e.error.message.includes('30 days'))).toEqual([
    { error: { code: 'sync', message: `receipt ${old.id} undelivered for 30 days; dropped`, detail: { receipts: [old.id] } } },
  ]);
  sync.destroy();
});
