import { createConsentCore } from '../../src/core/createConsentCore';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import type { Receipt } from '../../src/core/receipt';
import type { ConsentError } from '../../src/core/state';
import { createMemorySlot, createMemoryStore, type KeyValueStore, type RecordSlot } from '../../src/core/storage';
import { createSync, type SyncOptions } from '../../src/sync/createSync';

/** What a browser keeps between page loads: the consent cookie and localStorage. */
export interface Browser {
  slot: RecordSlot;
  store: KeyValueStore;
}

export const newBrowser = (): Browser => ({ slot: createMemorySlot(), store: createMemoryStore() });

/**
 * One page load: the core and the sync, wired as the composition root does.
 * `events` records sync and error events as they happen.
 */
export function loadPage(browser: Browser, endpoint: string | undefined, options: Partial<SyncOptions> = {}) {
  const { config } = normalizeConfig(endpoint === undefined ? {} : { endpoint });
  const core = createConsentCore(config, { slot: browser.slot, store: browser.store });
  const events: Array<{ sync: { sent: number; pending: number } } | { error: ConsentError }> = [];
  core.on('sync', (sync) => events.push({ sync }));
  core.on('error', (error) => events.push({ error }));
  const sync = createSync(core, { store: browser.store, page: () => () => {}, ...options });
  return { core, sync, events, outbox: () => outboxIds(browser.store) };
}

export function outboxIds(store: KeyValueStore): string[] {
  return (JSON.parse(store.get('consentkit:outbox') ?? '[]') as Receipt[]).map((r) => r.id);
}

/** The ids in a `POST …/receipts` body. */
export const idsIn = (body: string): string[] => (JSON.parse(body) as { receipts: Receipt[] }).receipts.map((r) => r.id);
