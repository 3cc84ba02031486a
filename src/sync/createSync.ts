import type { ConsentCore } from '../core/createConsentCore';
import type { NoticeDigest } from '../core/noticeDigest';
import type { Receipt } from '../core/receipt';
import { addAcks, logKeyOf, readReceiptLog } from '../core/receiptLog';
import type { KeyValueStore } from '../core/storage';
import type { Platform, TimerId } from '../platform/Platform';
import { BATCH_SIZE, hasExpired, planStep } from './outbox';
import { readAnswer } from './readAnswer';
import { retryDelay, type Backoff } from './retryDelay';
import { readNotices, readSubjectPages } from './readSubjectRecords';
import type { SubjectRecords } from './subjectRecords';

export type { SubjectRecords } from './subjectRecords';

/** What one sync attempt (or `flush()`) achieved. */
export interface SyncResult {
  /** Receipts the ledger acknowledged (2xx). */
  sent: number;
  /** Receipts still waiting in the outbox. */
  pending: number;
}

export interface SyncOptions {
  /** The browser services: transport, timers and clock. */
  platform: Platform;
  /** Holds the outbox, shared by the site's tabs and kept across page loads. @default platform.local */
  store?: KeyValueStore;
  /** A number in [0, 1) for the backoff's jitter. @default Math.random */
  random?: () => number;
  /** The notice this page shows, uploaded when the ledger lacks it. @default none: nothing is uploaded */
  notice?: NoticeDigest;
}

export interface Sync {
  /** Sends pending receipts now. Never rejects. */
  flush(): Promise<SyncResult>;
  /** This subject's decision and receipts as the ledger holds them, every page; null (and an `error` event) when unavailable. */
  access(): Promise<SubjectRecords | null>;
  /** Erases this subject on the ledger, then here; false (and an `error` event) when the ledger did not confirm. */
  erase(): Promise<boolean>;
  destroy(): void;
}

/** How long after start-up the outbox is read for receipts left by an earlier page (ms). */
const RESUME_AFTER_MS = 1000;

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * Delivers every receipt to the ledger; docs/sync.md describes the protocol.
 * Each receipt enters the persistent outbox synchronously, before any send,
 * and leaves it only once the ledger stored it (2xx), refused it for good (a
 * verdict on the receipt), answered that its subject was erased, or after 30
 * days. Other failures are retried with backoff; what is left when the page
 * goes is handed to a beacon and resent on the next page load. What to do
 * with each answer is decided by pure functions (`readAnswer`, `planStep`,
 * `retryDelay`); this shell only does the I/O.
 *
 * The outbox is `{cookie name}:outbox` in the store (localStorage: shared by
 * every tab of the site and kept across page loads). It is read afresh each
 * time, so a receipt another tab delivered is not sent again here, and one
 * another tab added is not overwritten.
 */
export function createSync(core: ConsentCore, { platform, store = platform.local, random = () => Math.random(), notice }: SyncOptions): Sync {
  const { endpoint, cookie } = core.config;
  const { transport, timers, clock } = platform;
  const key = cookie.name + ':outbox';
  const logKey = logKeyOf(cookie.name);
  const noticesKey = cookie.name + ':notices';
  const url = endpoint + '/receipts';
  const read = () => readReceiptLog(store, key);
  // No length limit, unlike the receipt log: an undelivered receipt is proof kept nowhere else.
  const write = (list: Receipt[]) => {
    if (list.length > 0) store.set(key, JSON.stringify(list));
    else store.remove(key);
  };
  const drop = (ids: string[]) => write(read().filter((r) => !ids.includes(r.id)));
  const body = (receipts: Receipt[]) => JSON.stringify({ receipts });
  /**
   * Never rejects: a network error is null. Only a body gets a content type:
   * a cross-origin GET without one needs no CORS preflight.
   */
  const request = async (path: string, method: string, json?: string): Promise<Response | null> => {
    const init: RequestInit = { method, keepalive: true };
    if (json !== undefined) {
      init.headers = { 'content-type': 'application/json' };
      init.body = json;
    }
    try {
      return await transport.fetch(path, init);
    } catch {
      return null;
    }
  };
  /** Failures in a row, for the backoff. */
  let failures = 0;
  let retry: TimerId | undefined;
  /** The latest attempt: each waits for the one before. */
  let last: Promise<SyncResult> | undefined;
  /** An attempt not started yet: calls meanwhile share it. */
  let queued: Promise<SyncResult> | undefined;
  // Without an endpoint receipts stay in this browser's receipt log: nothing is queued or sent.
  let live = endpoint !== null;
  const stop = () => {
    timers.clear(retry);
    retry = undefined;
  };

  /** Receipts queued 30 days ago or more leave the outbox, with an `error` event naming them. */
  const dropExpired = () => {
    const now = clock.now();
    const expired = read()
      .filter((r) => hasExpired(r, now))
      .map((r) => r.id);
    if (expired.length === 0) return;
    drop(expired);
    core.reportError('sync', `receipt ${expired} undelivered for 30 days; dropped`, { receipts: expired });
  };

  /** Waits `backoff` (or the ledger's Retry-After) before the next attempt, and says so in an `error` event. */
  const retryLater = (response: Response | null, backoff: Backoff, what: string, detail: object) => {
    const wait = retryDelay(failures, random(), response?.headers.get('retry-after'), clock.now(), backoff);
    failures += 1;
    if (live) {
      stop();
      retry = timers.set(flush, wait);
    }
    const status = response?.status ?? null;
    const answer = status === null ? 'no answer' : `status ${status}`;
    core.reportError('sync', `${what} not delivered (${answer}); kept, retrying in ${seconds(wait)}`, { ...detail, status, retryIn: wait });
  };

  /** The `sha256:` hashes of the notices this browser uploaded: never uploaded again from here. Unreadable counts as none. */
  const uploaded = (): string[] => {
    try {
      return [JSON.parse(store.get(noticesKey) ?? '[]')].flat();
    } catch {
      return [];
    }
  };

  /**
   * Makes sure the ledger holds the notice of receipts it just stored:
   * uploads this page's notice (`POST {endpoint}/notices`) when the answer
   * lists its hash in `missingNotices` and this browser never uploaded it.
   * False when the upload failed and waits for a retry. Only the notice this
   * page shows can be uploaded.
   */
  async function noticeHeld(missing: unknown[]): Promise<boolean> {
    const hash = notice?.currentHash();
    if (!hash || !missing.includes(hash) || uploaded().includes(hash)) return true;
    const response = await request(endpoint + '/notices', 'POST', notice!.noticeJson());
    const answer = readAnswer(response?.status ?? null);
    if (answer.kind === 'failed') {
      retryLater(response, answer.backoff, `notice ${hash}`, { notice: hash });
      return false;
    }
    // Refused for good (too large, invalid): sending it again would not help.
    store.set(noticesKey, JSON.stringify([...uploaded(), hash]));
    if (answer.kind === 'refused') core.reportError('sync', `notice ${hash} refused`, { notice: hash, status: response!.status });
    return true;
  }

  /** The ledger erased the subject of these receipts: if it is this visitor's, the decision goes on under a new one. */
  const renewIfErased = (receipts: Receipt[]) => {
    // Another tab may have started a new subject already.
    core.reload();
    const current = core.get()?.subject;
    if (current !== undefined && receipts.some((r) => r.subject === current)) core.renewSubject();
  };

  /** Never rejects. */
  async function attempt(): Promise<SyncResult> {
    // After the attempt before (`last` is still that one here), and after the caller's
    // synchronous work: a decision is in the outbox first.
    await last;
    queued = undefined;
    // Started at page load, it takes a moment: a notice to upload needs its SHA-256.
    await notice?.hashNotice();
    let sent = 0;
    let size = BATCH_SIZE;
    let asked = false;
    try {
      while (live) {
        dropExpired();
        const batch = read().slice(0, size);
        if (batch.length === 0) break;
        asked = true;
        const response = await request(url, 'POST', body(batch));
        const status = response?.status ?? null;
        const answer = response?.ok || status === 410 ? await response!.json().catch(() => null) : null;
        const step = planStep(batch, readAnswer(status, answer));
        if (step.oneByOne) {
          size = 1;
          continue;
        }
        if (step.delivered.length > 0) {
          const { acks, missingNotices } = (answer ?? {}) as { acks?: unknown; missingNotices?: unknown };
          addAcks(store, logKey, acks);
          // Until the ledger holds their notice too, the receipts stay in the outbox: a retry sends them again.
          if (!(await noticeHeld([missingNotices].flat()))) break;
          failures = 0;
        }
        drop(step.remove);
        sent += step.delivered.length;
        if (step.refused.length > 0) core.reportError('sync', `receipt ${step.refused} refused`, { receipts: step.refused, status });
        if (step.erased.length > 0) {
          core.reportError('sync', `receipt ${step.erased} belongs to a subject the ledger erased; dropped, and the decision recorded under a new subject`, {
            receipts: step.erased,
            status,
          });
          renewIfErased(batch.filter((r) => step.erased.includes(r.id)));
        }
        if (step.retry) {
          const ids = batch.map((r) => r.id);
          retryLater(response, step.retry, `receipt ${ids}`, { receipts: ids });
          break;
        }
      }
    } catch {
      // Nothing here should throw; if it does, the receipts wait in the outbox.
    }
    const done = { sent, pending: read().length };
    if (asked && live) core.emit('sync', done);
    return done;
  }

  /** One attempt at a time, in order. */
  const run = () => {
    queued ??= last = attempt();
    return queued;
  };

  /** Also what a retry's timer calls: whichever comes first, the timer is done with. */
  const flush = () => {
    stop();
    return run();
  };

  const subject = () => core.get()?.subject ?? core.receipts().pop()?.subject;
  const subjectUrl = (s: string) => endpoint + '/subjects/' + encodeURIComponent(s);

  /** The JSON body of a 2xx answer to a GET; null for anything else. */
  const getJson = async (path: string): Promise<unknown> => {
    const response = await request(path, 'GET');
    return response?.ok ? response.json().catch(() => null) : null;
  };

  const cleanups: Array<() => void> = [];
  if (live) {
    cleanups.push(
      core.on('consent', ({ receipt }) => {
        write([...read(), receipt]);
        // A retry already scheduled takes it along, honouring the ledger's Retry-After.
        if (!retry) run();
      }),
      transport.watchPage(() => {
        // Unconfirmed: the receipts stay in the outbox, and the next page load resends them.
        const pending = read();
        for (let start = 0; start < pending.length; start += BATCH_SIZE) transport.beacon(url, body(pending.slice(start, start + BATCH_SIZE)));
      }, flush),
    );
  }
  // Receipts left by an earlier page load, a little later: reading the outbox opens
  // web storage, a synchronous disk read the banner need not wait for. They have
  // waited already; an attempt started meanwhile (a decision) sends them anyway,
  // and leaving the page sends them by beacon.
  const resume = timers.set(() => {
    if (!last) run();
  }, RESUME_AFTER_MS);

  return {
    flush,
    async access() {
      const s = subject();
      let records: SubjectRecords | null = null;
      if (live && s !== undefined) {
        // Flushed first, so that the answer includes what this browser still holds.
        await flush();
        records = await readSubjectPages(getJson, subjectUrl(s));
      }
      if (!records) {
        core.reportError('access', 'no records', s);
        return null;
      }
      // Acknowledgements whose answer never came (a beacon's) are kept now.
      addAcks(store, logKey, records.receipts.map((r) => r.ack));
      records.notices = await readNotices(getJson, endpoint, records.receipts);
      return records;
    },
    async erase() {
      const s = subject();
      let erased = true;
      if (live && s !== undefined) {
        stop();
        // Let a send already on its way land before the deletion.
        await last;
        const response = await request(subjectUrl(s), 'DELETE');
        // 404: the ledger holds nothing for this subject, which is what was asked.
        erased = response !== null && (response.ok || response.status === 404);
      }
      if (!erased) {
        core.reportError('erase', 'not erased', s);
        return false;
      }
      write(read().filter((r) => r.subject !== s));
      core.forget();
      return true;
    },
    destroy() {
      live = false;
      stop();
      timers.clear(resume);
      for (const cleanup of cleanups) cleanup();
    },
  };
}
