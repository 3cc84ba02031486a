import type { ConsentCore } from '../core/createConsentCore';
import type { Receipt } from '../core/receipt';
import type { ConsentState } from '../core/state';
import { readReceiptLog } from '../core/receiptLog';
import type { KeyValueStore } from '../core/storage';
import { isRetryable } from './isRetryable';
import { retryDelay } from './retryDelay';
import { sendBeacon } from './sendBeacon';
import { watchPage } from './watchPage';

/** What one sync attempt (or `flush()`) achieved. */
export interface SyncResult {
  /** Receipts the ledger acknowledged (2xx). */
  sent: number;
  /** Receipts still waiting in the outbox. */
  pending: number;
}

/** The ledger's answer to `GET {endpoint}/subjects/{subject}` (right of access and portability). */
export interface SubjectRecords {
  subject: string;
  decision: ConsentState | null;
  receipts: Receipt[];
}

export interface SyncOptions {
  /** Holds the outbox: localStorage, shared by the site's tabs and kept across page loads. */
  store: KeyValueStore;
  /** Sends requests; called with `keepalive` so a request outlives a navigation. @default the global fetch */
  fetch?: typeof fetch;
  /** Hands a body to the browser for delivery after the page is gone. @default sendBeacon (navigator.sendBeacon, text/plain) */
  beacon?: (url: string, body: string) => unknown;
  /** Schedules a retry. @default setTimeout */
  wait?: (run: () => void, ms: number) => ReturnType<typeof setTimeout>;
  /** Calls `hide` when the page is hidden or left, `online` when back online; returns the cleanup. @default watchPage */
  page?: (hide: () => void, online: () => void) => () => void;
}

export interface Sync {
  /** Sends pending receipts now. Never rejects. */
  flush(): Promise<SyncResult>;
  /** This subject's decision and receipts as the ledger holds them; null (and an `error` event) when unavailable. */
  access(): Promise<SubjectRecords | null>;
  /** Erases this subject on the ledger, then here; false (and an `error` event) when the ledger did not confirm. */
  erase(): Promise<boolean>;
  destroy(): void;
}

/** Receipts per request: well under the 64 KB that keepalive and beacons may carry. */
const BATCH = 20;
/** How long after start-up the outbox is read for receipts left by an earlier page (ms). */
const RESUME_AFTER = 1000;

/**
 * Delivers every receipt to the ledger (CONTRACT §8). Each receipt enters the
 * persistent outbox synchronously, before any send, and leaves it only once
 * the ledger acknowledged it (2xx) or refused it for good (other 4xx, reported
 * as an `error`). Failures are retried with backoff; what is left when the
 * page goes is handed to a beacon and resent on the next page load.
 *
 * The outbox is `{cookie name}:outbox` in the store (localStorage: shared by
 * every tab of the site and kept across page loads). It is read afresh each
 * time, so a receipt another tab delivered is not sent again here, and one
 * another tab added is not overwritten.
 */
export function createSync(
  core: ConsentCore,
  { store, fetch: send = fetch, beacon = sendBeacon, wait = setTimeout, page = watchPage }: SyncOptions,
): Sync {
  const { endpoint, cookie } = core.config;
  const key = cookie.name + ':outbox';
  const url = endpoint + '/receipts';
  const read = () => readReceiptLog(store, key);
  // No length limit, unlike the receipt log: an undelivered receipt is proof kept nowhere else.
  const write = (list: Receipt[]) => (list[0] ? store.set(key, JSON.stringify(list)) : store.remove(key));
  const drop = (test: (receipt: Receipt) => boolean) => write(read().filter((r) => !test(r)));
  const body = (receipts: Receipt[]) => JSON.stringify({ receipts });
  /**
   * Never rejects: a network error is null. Only a body gets a content type:
   * a cross-origin GET without one needs no CORS preflight.
   */
  const request = (path: string, method: string, json?: string): Promise<Response | null> =>
    send(path, { method, keepalive: true, ...(json && { headers: { 'content-type': 'application/json' }, body: json }) }).catch(() => null);
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  /** The latest attempt: each waits for the one before. */
  let last: Promise<SyncResult> | undefined;
  /** An attempt not started yet: calls meanwhile share it. */
  let queued: Promise<SyncResult> | undefined;
  // Without an endpoint receipts stay in this browser's receipt log: nothing is queued or sent.
  let live = !!endpoint;
  const stop = () => {
    clearTimeout(retry);
    retry = undefined;
  };

  /** Never rejects. */
  async function attempt(): Promise<SyncResult> {
    // After the attempt before (`last` is still that one here), and after the caller's
    // synchronous work: a decision is in the outbox first.
    await last;
    queued = undefined;
    let sent = 0;
    let size = BATCH;
    let asked;
    try {
      for (let batch; live && (batch = read().slice(0, size))[0]; ) {
        asked = 1;
        const response = await request(url, 'POST', body(batch));
        const status = response?.status;
        const ids = batch.map((r) => r.id);
        if (isRetryable(status)) {
          if (live) stop(), (retry = wait(flush, retryDelay(failures++, Math.random(), response?.headers.get('retry-after'))));
          break;
        }
        if (status! > 299) {
          // One bad receipt must not take its batch down with it: send them one by one.
          if (batch[1]) {
            size = 1;
            continue;
          }
          core.reportError('sync', `receipt ${ids} refused`, { receipts: ids, status });
        } else (sent += ids.length), (failures = 0);
        drop((r) => ids.includes(r.id));
      }
    } catch {
      // Nothing here should throw; if it does, the receipts wait in the outbox.
    }
    const done = { sent, pending: read().length };
    if (asked && live) core.emit('sync', done);
    return done;
  }

  /** One attempt at a time, in order. */
  const run = () => (queued ??= last = attempt());

  /** Also what a retry's timer calls: whichever comes first, the timer is done with. */
  const flush = () => (stop(), run());

  const subject = () => core.get()?.subject ?? core.receipts().pop()?.subject;
  const subjectUrl = (s: string) => endpoint + '/subjects/' + encodeURIComponent(s);

  const cleanups = live
    ? [
        core.on('consent', ({ receipt }) => {
          write([...read(), receipt]);
          // A retry already scheduled takes it along, honouring the ledger's Retry-After.
          retry || run();
        }),
        page(() => {
          // Unconfirmed: the receipts stay in the outbox, and the next page load resends them.
          for (const all = read(); all[0]; ) beacon(url, body(all.splice(0, BATCH)));
        }, flush),
      ]
    : [];
  // Receipts left by an earlier page load, a little later: reading the outbox opens
  // web storage, a synchronous disk read the banner need not wait for. They have
  // waited already; an attempt started meanwhile (a decision) sends them anyway,
  // and leaving the page sends them by beacon.
  const resume = setTimeout(() => last || run(), RESUME_AFTER);

  return {
    flush,
    async access() {
      const s = subject();
      // Flushed first, so that the answer includes what this browser still holds.
      const response = live && s && (await flush(), await request(subjectUrl(s), 'GET'));
      const records: SubjectRecords | null = (response && response.ok && (await response.json().catch(() => 0))) || null;
      if (!records) core.reportError('access', 'no records', s);
      return records;
    },
    async erase() {
      const s = subject();
      let ok: unknown = 1;
      if (live && s) {
        stop();
        // Let a send already on its way land before the deletion.
        await last;
        const response = await request(subjectUrl(s), 'DELETE');
        // 404: the ledger holds nothing for this subject, which is what was asked.
        ok = response?.ok || response?.status == 404;
      }
      if (ok) drop((r) => r.subject === s), core.forget();
      else core.reportError('erase', 'not erased', s);
      return !!ok;
    },
    destroy() {
      live = false;
      stop();
      clearTimeout(resume);
      cleanups.forEach((cleanup) => cleanup());
    },
  };
}
