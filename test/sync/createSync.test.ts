import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { idsIn, loadPage, newBrowser, outboxIds, retryWaits } from './helpers';

const ENDPOINT = 'https://ledger.example/api/consent';

/** A ledger that answers each request with the next scripted status, then 200. */
function scriptedFetch(...answers: Array<number | [number, Record<string, string>] | 'offline'>) {
  return vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => {
    const answer = answers.shift() ?? 200;
    if (answer === 'offline') throw new TypeError('fetch failed');
    const [status, headers] = Array.isArray(answer) ? answer : [answer, {}];
    return new Response(status === 204 ? null : '{}', { status, headers });
  });
}

const posted = (fetch: ReturnType<typeof scriptedFetch>) =>
  fetch.mock.calls.filter(([, init]) => init?.method === 'POST').map(([, init]) => idsIn(String(init?.body)));

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => {
  vi.useRealTimers();
});

test('a receipt is in the persistent outbox before anything is sent, and leaves it once delivered', async () => {
  const browser = newBrowser();
  const fetch = scriptedFetch(200);
  const { core, events } = loadPage(browser, ENDPOINT, { fetch });
  const receipt = core.acceptAll();
  expect(outboxIds(browser.store)).toEqual([receipt.id]);
  expect(fetch).not.toHaveBeenCalled();

  await vi.runAllTimersAsync();
  expect(fetch).toHaveBeenCalledWith(`${ENDPOINT}/receipts`, expect.objectContaining({ method: 'POST', keepalive: true }));
  expect(fetch.mock.calls[0]?.[1]?.headers).toEqual({ 'content-type': 'application/json' });
  expect(posted(fetch)).toEqual([[receipt.id]]);
  expect(outboxIds(browser.store)).toEqual([]);
  expect(events).toEqual([{ sync: { sent: 1, pending: 0 } }]);
});

test('retries back off 1 s, 2 s, 4 s…; a Retry-After replaces one wait, and the backoff goes on', async () => {
  const fetch = scriptedFetch(503, 502, 500, [429, { 'retry-after': '10' }], 503, 200);
  const { core, events } = loadPage(newBrowser(), ENDPOINT, { fetch });
  const receipt = core.rejectAll();
  await vi.advanceTimersByTimeAsync(0);
  const calls: number[] = [fetch.mock.calls.length];
  // After each failure: just before the expected wait nothing is sent; at it, one more attempt.
  for (const wait of [1000, 2000, 4000, 10_000, 16_000]) {
    await vi.advanceTimersByTimeAsync(wait - 1);
    calls.push(fetch.mock.calls.length);
    await vi.advanceTimersByTimeAsync(1);
    calls.push(fetch.mock.calls.length);
  }
  expect(calls).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6]);
  expect(posted(fetch)).toEqual(Array(6).fill([receipt.id]));
  expect(events.at(-1)).toEqual({ sync: { sent: 1, pending: 0 } });
  // Each failed attempt says it keeps the receipt and when it retries, then reports the outbox.
  const retrying = (status: number, retryIn: number) => ({
    error: { code: 'sync', message: `receipt ${receipt.id} not delivered (status ${status}); kept, retrying in ${Math.round(retryIn / 1000)} s`, detail: { receipts: [receipt.id], status, retryIn } },
  });
  const failed = { sync: { sent: 0, pending: 1 } };
  expect(events.slice(0, 10)).toEqual([
    retrying(503, 1000), failed,
    retrying(502, 2000), failed,
    retrying(500, 4000), failed,
    retrying(429, 10_000), failed,
    retrying(503, 16_000), failed,
  ]);
  expect(events.filter((e) => 'sync' in e).slice(0, 5)).toEqual(Array(5).fill({ sync: { sent: 0, pending: 1 } }));
});

test('the wait never exceeds five minutes', async () => {
  const fetch = scriptedFetch(...Array<number>(30).fill(503));
  const { core } = loadPage(newBrowser(), ENDPOINT, { fetch });
  core.acceptAll();
  await vi.advanceTimersByTimeAsync(0);
  for (let i = 0; i < 9; i++) await vi.advanceTimersByTimeAsync(300_000);
  // 1+2+4+…+256 s is more than 5 minutes; from the ninth failure on, one attempt every 5 minutes.
  const before = fetch.mock.calls.length;
  await vi.advanceTimersByTimeAsync(300_000);
  expect(fetch.mock.calls.length).toBe(before + 1);
});

test('a 4xx drops the receipt with an error event naming it; the others are still delivered', async () => {
  const browser = newBrowser();
  // The batch is refused, then, sent one by one, only the first receipt is.
  const fetch = scriptedFetch(400, 422, 200);
  const { core, events } = loadPage(browser, ENDPOINT, { fetch });
  const first = core.acceptAll();
  const second = core.withdraw('marketing');
  await vi.runAllTimersAsync();
  expect(posted(fetch)).toEqual([[first.id, second.id], [first.id], [second.id]]);
  expect(outboxIds(browser.store)).toEqual([]);
  expect(events).toEqual([
    { error: { code: 'sync', message: expect.stringContaining(first.id), detail: { receipts: [first.id], status: 422 } } },
    { sync: { sent: 1, pending: 0 } },
  ]);
});

test('a withdrawal is queued and delivered like any decision', async () => {
  const fetch = scriptedFetch();
  const { core, sync } = loadPage(newBrowser(), ENDPOINT, { fetch });
  core.acceptAll();
  await sync.flush();
  const withdrawal = core.withdraw();
  expect(withdrawal.action).toBe('withdraw');
  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  expect(posted(fetch).flat()).toContain(withdrawal.id);
});

test('pending receipts survive the page and are sent on the next load', async () => {
  const browser = newBrowser();
  const first = loadPage(browser, ENDPOINT, { fetch: scriptedFetch('offline') });
  const receipt = first.core.acceptAll();
  await vi.advanceTimersByTimeAsync(0);
  first.sync.destroy();
  first.core.destroy();
  expect(outboxIds(browser.store)).toEqual([receipt.id]);

  const fetch = scriptedFetch(200);
  const second = loadPage(browser, ENDPOINT, { fetch });
  await vi.advanceTimersByTimeAsync(0);
  // Not while the page starts: reading the outbox opens web storage, which the banner need not wait for.
  expect(posted(fetch)).toEqual([]);
  await vi.advanceTimersByTimeAsync(1000);
  expect(posted(fetch)).toEqual([[receipt.id]]);
  expect(second.outbox()).toEqual([]);
});

test('flush() sends now, skipping the wait, and never rejects', async () => {
  const fetch = scriptedFetch('offline', 'offline');
  const { core, sync } = loadPage(newBrowser(), ENDPOINT, { fetch });
  core.acceptAll();
  await vi.advanceTimersByTimeAsync(0);
  expect(await sync.flush()).toEqual({ sent: 0, pending: 1 });
  expect(await sync.flush()).toEqual({ sent: 1, pending: 0 });
  expect(await sync.flush()).toEqual({ sent: 0, pending: 0 });
  expect(fetch).toHaveBeenCalledTimes(3);
});

test('without an endpoint receipts stay local: nothing queued, nothing sent', async () => {
  const browser = newBrowser();
  const fetch = scriptedFetch();
  const { core, sync, events } = loadPage(browser, undefined, { fetch });
  core.acceptAll();
  expect(await sync.flush()).toEqual({ sent: 0, pending: 0 });
  expect(outboxIds(browser.store)).toEqual([]);
  expect(core.receipts()).toHaveLength(1);
  expect(await sync.access()).toBeNull();
  expect(fetch).not.toHaveBeenCalled();
  expect(events).toEqual([{ error: expect.objectContaining({ code: 'access' }) }]);
});

test('two tabs sharing the outbox: a receipt one delivered is not sent again by the other', async () => {
  const browser = newBrowser();
  const fetchA = scriptedFetch('offline');
  const fetchB = scriptedFetch(200);
  const tabA = loadPage(browser, ENDPOINT, { fetch: fetchA });
  const receipt = tabA.core.acceptAll();
  await vi.advanceTimersByTimeAsync(0);
  const tabB = loadPage(browser, ENDPOINT, { fetch: fetchB });
  await tabB.sync.flush();
  expect(posted(fetchB)).toEqual([[receipt.id]]);
  await vi.runAllTimersAsync();
  expect(posted(fetchA)).toEqual([[receipt.id]]);
  tabA.sync.destroy();
  tabB.sync.destroy();
});

test('on page hide the outbox goes to a beacon and stays until a delivery is confirmed', async () => {
  const browser = newBrowser();
  let hide = () => {};
  const beacon = vi.fn(() => true);
  const { core } = loadPage(browser, ENDPOINT, {
    fetch: scriptedFetch('offline'),
    beacon,
    page: (onHide) => ((hide = onHide), () => {}),
  });
  const receipt = core.acceptAll();
  await vi.advanceTimersByTimeAsync(0);
  hide();
  expect(beacon).toHaveBeenCalledWith(`${ENDPOINT}/receipts`, JSON.stringify({ receipts: [receipt] }));
  expect(outboxIds(browser.store)).toEqual([receipt.id]);
});

test('coming back online sends at once', async () => {
  let online = () => {};
  const fetch = scriptedFetch('offline', 200);
  const { core, events } = loadPage(newBrowser(), ENDPOINT, { fetch, page: (_hide, onOnline) => ((online = onOnline), () => {}) });
  core.acceptAll();
  await vi.advanceTimersByTimeAsync(0);
  online();
  await vi.advanceTimersByTimeAsync(0);
  expect(retryWaits(events)).toEqual([1000]);
  expect(events.filter((e) => 'sync' in e)).toEqual([{ sync: { sent: 0, pending: 1 } }, { sync: { sent: 1, pending: 0 } }]);
});

test('access() returns what the ledger holds for this subject, after sending what is pending', async () => {
  const records = { subject: 'x', decision: null, receipts: [] };
  const fetch = vi.fn(async (_url: string | URL | Request, init?: RequestInit) =>
    init?.method === 'GET' ? Response.json(records) : new Response(null, { status: 204 }),
  );
  const { core, sync } = loadPage(newBrowser(), ENDPOINT, { fetch });
  const receipt = core.acceptAll();
  // With `notices` added: none of these receipts has a SHA-256 notice to look up.
  expect(await sync.access()).toEqual({ ...records, notices: {} });
  expect(fetch.mock.calls.map(([url, init]) => `${init?.method} ${String(url)}`)).toEqual([
    `POST ${ENDPOINT}/receipts`,
    `GET ${ENDPOINT}/subjects/${receipt.subject}`,
  ]);
  // No content type without a body: a cross-origin ledger is read without a CORS preflight.
  expect(fetch.mock.calls.map(([, init]) => init?.headers)).toEqual([{ 'content-type': 'application/json' }, undefined]);
});

test('erase() deletes on the ledger, then forgets the decision, the receipts and the pending outbox', async () => {
  const browser = newBrowser();
  const fetch = scriptedFetch('offline', 204);
  const { core, sync, events } = loadPage(browser, ENDPOINT, { fetch });
  const receipt = core.acceptAll();
  await vi.advanceTimersByTimeAsync(0);
  expect(outboxIds(browser.store)).toEqual([receipt.id]);
  expect(await sync.erase()).toBe(true);
  expect(fetch.mock.calls.at(-1)).toEqual([`${ENDPOINT}/subjects/${receipt.subject}`, { method: 'DELETE', keepalive: true }]);
  expect([core.get(), core.receipts(), outboxIds(browser.store), browser.slot.read()]).toEqual([null, [], [], null]);
  await vi.runAllTimersAsync();
  expect(fetch).toHaveBeenCalledTimes(2);
  // Only the offline attempt's notice that it would retry; the erasure itself reports nothing.
  expect(events.filter((e) => 'error' in e)).toEqual([{ error: expect.objectContaining({ code: 'sync', detail: { receipts: [receipt.id], status: null, retryIn: 1000 } }) }]);
});

test('erase() that the ledger does not confirm keeps everything here and reports it', async () => {
  const browser = newBrowser();
  const fetch = scriptedFetch(200, 503);
  const { core, sync, events } = loadPage(browser, ENDPOINT, { fetch });
  const receipt = core.acceptAll();
  expect(await sync.erase()).toBe(false);
  expect(core.get()?.receipt).toBe(receipt.id);
  expect(events.at(-1)).toEqual({ error: expect.objectContaining({ code: 'erase' }) });
});

test('after an erasure that cancelled a pending retry, the next decision is sent at once', async () => {
  const browser = newBrowser();
  const fetch = scriptedFetch(503, 204, 200);
  const { core, sync } = loadPage(browser, ENDPOINT, { fetch });
  core.acceptAll();
  await vi.advanceTimersByTimeAsync(0);
  expect(await sync.erase()).toBe(true);
  const receipt = core.rejectAll();
  await vi.advanceTimersByTimeAsync(0);
  expect(posted(fetch)).toEqual([expect.any(Array), [receipt.id]]);
  expect(outboxIds(browser.store)).toEqual([]);
});
