import type { Receipt } from './receipt';
import type { KeyValueStore } from './storage';

/** This browser keeps its latest receipts; older ones are on the ledger. */
export const RECEIPT_LOG_LIMIT = 100;

/** Reads the local receipt history; anything unreadable counts as empty. */
export function readReceiptLog(store: KeyValueStore, key: string): Receipt[] {
  try {
    const parsed: unknown = JSON.parse(store.get(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((r): r is Receipt => typeof r?.id === 'string' && typeof r.subject === 'string') : [];
  } catch {
    return [];
  }
}

export function writeReceiptLog(store: KeyValueStore, key: string, receipts: Receipt[]): void {
  try {
    store.set(key, JSON.stringify(receipts.slice(-RECEIPT_LOG_LIMIT)));
  } catch {
    // A store that throws despite its contract loses history, never the decision.
  }
}
