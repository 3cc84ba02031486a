import type { Receipt } from './receipt';

/**
 * The ledger's signed statement that it stored a receipt: the receipt id,
 * the subject, the row's place in the hash chain and when it arrived, signed
 * with the ledger's Ed25519 key (`GET {endpoint}/key`). The visitor keeps it
 * with the receipt, so they can prove the ledger accepted their choice even
 * if the ledger later loses or hides it. The SDK stores and shows it as the
 * ledger sent it; it never needs to verify it.
 */
export interface Acknowledgement {
  v: 1;
  /** The receipt's id. */
  receipt: string;
  subject: string;
  /** The chain hash of the stored row. */
  hash: string;
  /** When the ledger received the receipt, ISO 8601. */
  receivedAt: string;
  /** Which of the ledger's keys signed. */
  keyId: string;
  /** base64url Ed25519 signature over the canonical JSON of the other members. */
  signature: string;
}

/** A receipt as this browser keeps it (`ck.receipts()`): with the ledger's acknowledgement once it arrived. */
export type LocalReceipt = Receipt & { ack?: Acknowledgement };
