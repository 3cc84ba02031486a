import type { Receipt } from '../core/receipt';
import { readReceiptLog } from '../core/receiptLog';
import type { KeyValueStore } from '../core/storage';

export interface Outbox {
  /** Every receipt not yet delivered, oldest first. */
  read(): Receipt[];
  add(receipts: Receipt[]): void;
  /** Removes the receipts that pass `test`. */
  drop(test: (receipt: Receipt) => boolean): void;
}

/**
 * The receipts not yet delivered, kept in the store (localStorage: shared by
 * every tab of the site and kept across page loads). Each call reads the
 * store afresh, so a receipt another tab delivered is not sent again here, and
 * one another tab added is not overwritten.
 */
export function createOutbox(store: KeyValueStore, key: string): Outbox {
  const read = () => readReceiptLog(store, key);
  // No length limit, unlike the receipt log: an undelivered receipt is proof kept nowhere else.
  const write = (list: Receipt[]) => (list.length ? store.set(key, JSON.stringify(list)) : store.remove(key));
  return {
    read,
    add: (receipts) => write([...read(), ...receipts]),
    drop: (test) => write(read().filter((r) => !test(r))),
  };
}
