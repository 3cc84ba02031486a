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

test('a 410 subject_erased: the refused receipt leaves the outbox, and the decision is recorded and delivered under a new subject', async () => {
  const { core, sync, events, outbox } = loadPage(newBrowser(), ledger.endpoint);
  const accepted = core.acceptAll();
  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  // The subject is erased on the ledger (from another device, or by the site's operator).
  ledger.erase(accepted.subject);

  const withdrawn = core.withdraw('marketing');
  const consents: string[] = [];
  core.on('consent', ({ receipt }) => consents.push(receipt.id));
  const changes: unknown[] = [];
  core.on('change', (change) => changes.push(change));
  await sync.flush();
  await sync.flush();

  const renewed = core.receipts()[0]!;
  expect(ledger.posts).toEqual([
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
  expect([...ledger.stored.keys()]).toEqual([renewed.id]);
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
  const { core, sync, outbox } = loadPage(newBrowser(), ledger.endpoint, { wait: () => setTimeout(() => {}, 0) });
  // The ledger is down while the visitor decides, forgets, and decides again as a new subject.
  ledger.answer(503, 503);
  const first = core.acceptAll();
  await sync.flush();
  core.forget();
  const second = core.rejectAll();
  await sync.flush();
  expect(outbox()).toEqual([first.id, second.id]);
  ledger.erase(first.subject);

  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  expect(ledger.posts.slice(2)).toEqual([
    { ids: [first.id, second.id], status: 410 },
    { ids: [second.id], status: 201 },
  ]);
  expect([...ledger.stored.keys()]).toEqual([second.id]);
  // The current subject was not erased: it stays, and nothing is recorded again.
  expect(core.get()?.subject).toBe(second.subject);
  expect(core.receipts().map((r) => r.id)).toEqual([second.id]);
  sync.destroy();
});

test('a 410 without the erasure body is no verdict: the receipt is kept and sent again', async () => {
  ledger.answer(410);
  const { core, sync, events, outbox } = loadPage(newBrowser(), ledger.endpoint, { wait: () => setTimeout(() => {}, 0) });
  const receipt = core.acceptAll();
  await sync.flush();
  expect(outbox()).toEqual([receipt.id]);
  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  expect(core.get()?.subject).toBe(receipt.subject);
  expect(events.filter((e) => 'error' in e)).toEqual([
    { error: expect.objectContaining({ code: 'sync', detail: { receipts: [receipt.id], status: 410, retryIn: 300_000 } }) },
  ]);
  sync.destroy();
});
