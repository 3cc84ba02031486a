// Against a real HTTP server on 127.0.0.1 and Node's real fetch: no mocked network.
import { afterAll, beforeAll, beforeEach, expect, test, vi } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { createConsentKit } from '../../src/createConsentKit';
import { createMemoryStore } from '../../src/core/storage';
import { createTestLedger, listen } from './ledger';
import { loadPage, newBrowser, retryWaits } from './helpers';

let server: TestServer;
let ledger: ReturnType<typeof createTestLedger>;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
beforeEach(() => {
  ledger = createTestLedger();
  server.route('/api/consent/receipts', ledger.route);
  vi.spyOn(Math, 'random').mockReturnValue(0);
});

/** Runs every timer of the sync at once; the waits it asked for are in its retry events. */
function instantRetries() {
  return { wait: (run: () => void) => setTimeout(run, 0) };
}

const settled = (on: (listener: (s: { pending: number }) => void) => () => void) =>
  new Promise<void>((resolve) => {
    const off = on((s) => s.pending === 0 && (off(), resolve()));
  });

test('503, 503, 429 with Retry-After: 1, then 200: delivered once, after waits of 1 s, 2 s and 1 s', async () => {
  ledger.answer([503], [503], [429, { 'retry-after': '1' }]);
  const retries = instantRetries();
  const { core, sync, events } = loadPage(newBrowser(), `${server.origin}/api/consent`, { wait: retries.wait });
  const done = settled((fn) => core.on('sync', fn));
  const receipt = core.acceptAll();
  await done;
  expect(ledger.posts.map((p) => [p.status, p.ids, p.contentType])).toEqual([
    [503, [receipt.id], 'application/json'],
    [503, [receipt.id], 'application/json'],
    [429, [receipt.id], 'application/json'],
    [200, [receipt.id], 'application/json'],
  ]);
  expect(retryWaits(events)).toEqual([1000, 2000, 1000]);
  expect([...ledger.stored.keys()]).toEqual([receipt.id]);
  expect(events.at(-1)).toEqual({ sync: { sent: 1, pending: 0 } });
  sync.destroy();
});

test('a ledger that refuses connections, then comes back on the same port, gets every receipt once', async () => {
  const first = await listen(0, ledger.route);
  const endpoint = `http://127.0.0.1:${first.port}/api/consent`;
  await first.close();
  let retry = () => {};
  const { core, sync, outbox } = loadPage(newBrowser(), endpoint, {
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

  const again = await listen(first.port, ledger.route);
  const done = settled((fn) => core.on('sync', fn));
  retry();
  await done;
  expect([...ledger.stored.keys()]).toEqual([accepted.id, withdrawn.id]);
  expect(ledger.posts).toHaveLength(1);
  sync.destroy();
  await again.close();
});

test('a 400 drops the receipt with an error event naming it', async () => {
  ledger.answer([400]);
  const { core, sync, events, outbox } = loadPage(newBrowser(), `${server.origin}/api/consent`);
  const refused = new Promise((resolve) => core.on('error', resolve));
  const receipt = core.acceptAll();
  expect(await refused).toEqual({ code: 'sync', message: expect.stringContaining(receipt.id), detail: { receipts: [receipt.id], status: 400 } });
  await sync.flush();
  expect(outbox()).toEqual([]);
  expect(ledger.stored.size).toBe(0);
  expect(events.filter((e) => 'sync' in e)).toEqual([{ sync: { sent: 0, pending: 0 } }]);
  sync.destroy();
});

test('createConsentKit: a receipt left pending is delivered by the next kit on the same storage', async () => {
  ledger.answer([503]);
  const store = createMemoryStore();
  const cookie = { value: null as string | null };
  const slot = { read: () => cookie.value, write: (v: string) => void (cookie.value = v), remove: () => void (cookie.value = null) };
  const config = { endpoint: `${server.origin}/api/consent` };
  const first = createConsentKit(config, { store, slot });
  const failed = new Promise((resolve) => first.on('sync', resolve));
  const receipt = first.acceptAll();
  expect(await failed).toEqual({ sent: 0, pending: 1 });
  first.destroy();

  const second = createConsentKit(config, { store, slot });
  const delivered = new Promise((resolve) => second.on('sync', resolve));
  expect(await delivered).toEqual({ sent: 1, pending: 0 });
  expect([...ledger.stored.keys()]).toEqual([receipt.id]);
  expect(second.get()?.receipt).toBe(receipt.id);
  second.destroy();
});
