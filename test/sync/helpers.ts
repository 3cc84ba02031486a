import { createConsentCore } from '../../src/core/createConsentCore';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import type { Receipt } from '../../src/core/receipt';
import type { ConsentError } from '../../src/core/state';
import { createMemorySlot, type KeyValueStore, type RecordSlot } from '../../src/core/storage';
import type { Transport } from '../../src/platform/Platform';
import { createSync } from '../../src/sync/createSync';
import type { FailingFront } from '../helpers/failingFront';
import { createMemoryPlatform, createMemoryWebStore } from '../platform/memoryPlatform';

/** What a browser keeps between page loads: the consent cookie and localStorage. */
export interface Browser {
  slot: RecordSlot;
  store: KeyValueStore;
}

export const newBrowser = (): Browser => ({ slot: createMemorySlot(), store: createMemoryWebStore() });

/** The network and time of a page load; each defaults to the real one (real fetch, real or fake timers). */
export interface PageServices {
  fetch?: Transport['fetch'];
  beacon?: Transport['beacon'];
  /** Schedules every timer of the sync: retries, and the resume of an earlier page's outbox. */
  wait?: (run: () => void, ms: number) => ReturnType<typeof setTimeout>;
  /** Calls `hide` when the page is hidden, `online` when back online. */
  page?: Transport['watchPage'];
  /** The browser's clock, for the core and the sync. @default Date.now */
  now?: () => number;
}

/**
 * One page load: the core and the sync, wired as the composition root does,
 * on an in-memory platform. `events` records sync and error events as they happen.
 */
export function loadPage(browser: Browser, endpoint: string | undefined, services: PageServices = {}) {
  const { config } = normalizeConfig(endpoint === undefined ? {} : { endpoint });
  const platform = createMemoryPlatform({
    clock: { now: services.now ?? (() => Date.now()) },
    ...(services.fetch && { fetch: services.fetch }),
    ...(services.beacon && { beacon: services.beacon }),
    ...(services.page && { watchPage: services.page }),
    ...(services.wait && { timers: { set: services.wait, clear: (id) => clearTimeout(id) } }),
  });
  const core = createConsentCore(config, { slot: browser.slot, store: browser.store, clock: platform.clock });
  const events: Array<{ sync: { sent: number; pending: number } } | { error: ConsentError }> = [];
  core.on('sync', (sync) => events.push({ sync }));
  core.on('error', (error) => events.push({ error }));
  const sync = createSync(core, { platform, store: browser.store });
  return { core, sync, events, platform, outbox: () => outboxIds(browser.store) };
}

export function outboxIds(store: KeyValueStore): string[] {
  return (JSON.parse(store.get('consentkit:outbox') ?? '[]') as Receipt[]).map((r) => r.id);
}

/** The ids in a `POST …/receipts` body. */
export const idsIn = (body: string): string[] => (JSON.parse(body) as { receipts: Receipt[] }).receipts.map((r) => r.id);

/** The `POST …/receipts` that went through the front, in order: the ids each carried and the status the sender got. */
export const receiptPosts = (front: FailingFront): Array<{ ids: string[]; status: number | null }> =>
  front.exchanges.filter((e) => e.route === 'POST /receipts').map((e) => ({ ids: idsIn(e.body), status: e.status }));

/** The retry errors among the events, as the wait each announced (ms). */
export const retryWaits = (events: ReturnType<typeof loadPage>['events']): number[] =>
  events.flatMap((e) => ('error' in e && (e.error.detail as { retryIn?: number } | undefined)?.retryIn !== undefined ? [(e.error.detail as { retryIn: number }).retryIn] : []));
