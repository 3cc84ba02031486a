import type { Acknowledgement, LocalReceipt } from './acknowledgement';
import type { KeyValueStore } from './storage';

/** This browser keeps its latest receipts; older ones are on the ledger. */
export const RECEIPT_LOG_LIMIT = 100;

/** Where `ck.receipts()` are kept in web storage: `consentkit:receipts` for the default cookie name. */
export const logKeyOf = (cookieName: string): string => cookieName + ':receipts';

/** Reads the local receipt history; anything unreadable counts as empty. */
export function readReceiptLog(store: KeyValueStore, key: string): LocalReceipt[] {
  try {
    const parsed: unknown = JSON.parse(store.get(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((r): r is LocalReceipt => typeof r?.id === 'string' && typeof r.subject === 'string') : [];
  } catch {
    return [];
  }
}

export function writeReceiptLog(store: KeyValueStore, key: string, receipts: LocalReceipt[]): void {
  try {
    store.set(key, JSON.stringify(receipts.slice(-RECEIPT_LOG_LIMIT)));
  } catch {
    // A store that throws despite its contract loses history, never the decision.
  }
}

/**
 * Keeps each acknowledgement with its receipt in the log; anything in `acks`
 * that names no receipt of the log is left out. A receipt that holds one
 * already keeps it: the ledger's first word is the proof.
 */
export function addAcks(store: KeyValueStore, key: string, acks: unknown): void {
  if (!Array.isArray(acks) || acks.length === 0) return;
  const acked = (receipt: LocalReceipt) => receipt.ack ?? acks.find((ack: Partial<Acknowledgement> | null) => ack?.receipt === receipt.id);
  writeReceiptLog(store, key, readReceiptLog(store, key).map((receipt) => ({ ...receipt, ack: acked(receipt) })));
}
