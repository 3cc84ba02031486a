// A subject erased on the real ledger (its HTTP server on 127.0.0.1, an SQLite
// file in a temp folder) with DELETE {base}/subjects/{id}, as another device
// or the site's operator would: its later receipts get the ledger's own
// `410 subject_erased`. The SDK reaches the ledger through a forwarding front,
// which fails the requests a test names as a network or a proxy would.
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

async function erase(subject: string): Promise<void> {
  const response = await fetch(ledger.at(`/subjects/${subject}`), { method: 'DELETE' });
  expect(await response.json()).toMatchObject({ erased: true, already: false });
}

test('a 410 subject_erased: the refused receipt leaves the outbox, and the decision is recorded and delivered under a new subject', async () => {
  const { core, sync, events, outbox } = loadPage(newBrowser(), front.endpoint);
  const accepted = core.acceptAll();
  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  // The subject is erased on the ledger (from another device, or by the site's operator).
  await erase(accepted.subject);

  const withdrawn = core.withdraw('marketing');
  const consents: string[] = [];
  core.on('consent', ({ receipt }) => consents.push(receipt.id));
  const changes: unknown[] = [];
  core.on('change', (change) => changes.push(change));
  await sync.flush();
  await sync.flush();

  const renewed = core.receipts()[0]!;
  expect(receiptPosts(front)).toEqual([
    { ids: [accepted.id], status: 201 },
    { ids: [withdrawn.id], status: 410 },
    { ids: [renewed.id], status: 201 },
  ]);
  expect(consents).toEqual([renewed.id]);
  expect(renewed).toMatchObject({
    action: 'save',
    source: 'api',
    reason: 'subject-erased',
    previous: null,
    categories: { necessary: true, preferences: true, analytics: true, marketing: false },
  });
  expect(renewed.subject).not.toBe(accepted.subject);
  // The visitor's decision stands, under the new subject; nothing changed for them.
  expect(core.get()).toMatchObject({ subject: renewed.subject, receipt: renewed.id, decidedAt: withdrawn.timestamp });
  expect(changes).toEqual([]);
  expect(core.receipts().map((r) => r.id)).toEqual([renewed.id]);
  expect(await ledger.storedIds()).toEqual([renewed.id]);
  expect(outbox()).toEqual([]);
  expect(events).toEqual([
    { sync: { sent: 1, pending: 0 } },
    {
      error: {
        code: 'sync',
        message: `receipt ${withdrawn.id} belongs to a subject the ledger erased; dropped, and the decision recorded under a new subject`,
        detail: { receipts: [withdrawn.id], status: 410 },
      },
    },
    { sync: { sent: 1, pending: 0 } },
  ]);
  sync.destroy();
});

test('only the receipts the 410 lists are dropped: the others of the batch are sent again and stored', async () => {
  const { core, sync, outbox } = loadPage(newBrowser(), front.endpoint, { wait: () => setTimeout(() => {}, 0) });
  const first = core.acceptAll();
  await sync.flush();
  // The network fails while the visitor withdraws, forgets, and decides again as a new subject.
  front.fail('POST /receipts', 503, 503);
  const withdrawn = core.withdraw('marketing');
  await sync.flush();
  core.forget();
  const second = core.rejectAll();
  await sync.flush();
  expect(outbox()).toEqual([withdrawn.id, second.id]);
  await erase(first.subject);

  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  expect(receiptPosts(front)).toEqual([
    { ids: [first.id], status: 201 },
    { ids: [withdrawn.id], status: 503 },
    { ids: [withdrawn.id, second.id], status: 503 },
    { ids: [withdrawn.id, second.id], status: 410 },
    { ids: [second.id], status: 201 },
  ]);
  expect(await ledger.storedIds()).toEqual([second.id]);
  // The current subject was not erased: it stays, and nothing is recorded again.
  expect(core.get()?.subject).toBe(second.subject);
  expect(core.receipts().map((r) => r.id)).toEqual([second.id]);
  sync.destroy();
});

test('a 410 without the erasure body (a proxy\'s) is no verdict: the receipt is kept and sent again', async () => {
  front.fail('POST /receipts', 410);
  const { core, sync, events, outbox } = loadPage(newBrowser(), front.endpoint, { wait: () => setTimeout(() => {}, 0) });
  const receipt = core.acceptAll();
  await sync.flush();
  expect(outbox()).toEqual([receipt.id]);
  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  expect(core.get()?.subject).toBe(receipt.subject);
  expect(receiptPosts(front)).toEqual([
    { ids: [receipt.id], status: 410 },
    { ids: [receipt.id], status: 201 },
  ]);
  expect(await ledger.storedIds()).toEqual([receipt.id]);
  expect(events.filter((e) => 'error' in e)).toEqual([
    { error: expect.objectContaining({ code: 'sync', detail: { receipts: [receipt.id], status: 410, retryIn: 300_000 } }) },
  ]);
  sync.destroy();
});
