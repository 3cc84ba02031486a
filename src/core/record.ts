import { CATEGORY_ID_PATTERN, type CategoryChoices } from './categories';

/**
 * The decision as stored in the consent cookie, version 1. Documented in the
 * README so a server can read it:
 * `{"v":1,"sub":"…","ts":1764432000000,"pv":"2018-05-24","rid":"…","gpc":0,"c":{"necessary":1,"analytics":0}}`
 */
export interface StoredRecord {
  subject: string;
  /** Decision time, ms since the epoch. */
  decidedAt: number;
  policyVersion: string;
  receipt: string;
  gpc: boolean;
  categories: CategoryChoices;
}

export const RECORD_VERSION = 1;
/** A cookie is at most 4 KB; anything larger was not written by us. */
const MAX_RECORD_LENGTH = 3000;
const ID_PATTERN = /^[A-Za-z0-9_-]{10,64}$/;

export function encodeRecord(record: StoredRecord): string {
  const c: Record<string, 0 | 1> = {};
  for (const [id, granted] of Object.entries(record.categories)) c[id] = granted ? 1 : 0;
  return JSON.stringify({
    v: RECORD_VERSION,
    sub: record.subject,
    ts: record.decidedAt,
    pv: record.policyVersion,
    rid: record.receipt,
    gpc: record.gpc ? 1 : 0,
    c,
  });
}

const isFlag = (value: unknown): value is 0 | 1 => value === 0 || value === 1;
const isId = (value: unknown): value is string => typeof value == 'string' && ID_PATTERN.test(value);

/** A missing, corrupt, oversized or tampered value is no decision: null, never a throw. */
export function decodeRecord(raw: string | null | undefined): StoredRecord | null {
  // Checked before parsing: a first visit must not pay for a thrown exception.
  if (!raw || raw.length > MAX_RECORD_LENGTH) return null;
  try {
    const { v, sub, ts, pv, rid, gpc, c } = JSON.parse(raw);
    const categories: CategoryChoices = {};
    // for-in over a string or an array yields indices, which are no category ids.
    for (const id in c) {
      if (!CATEGORY_ID_PATTERN.test(id) || !isFlag(c[id])) return null;
      categories[id] = c[id] == 1;
    }
    // `necessary` cannot be refused; a record saying otherwise was not written by us.
    return v === RECORD_VERSION && isId(sub) && isId(rid) && Number.isSafeInteger(ts) && ts > 0 &&
      typeof pv == 'string' && pv.length <= 100 && isFlag(gpc) && categories.necessary
      ? { subject: sub, decidedAt: ts, policyVersion: pv, receipt: rid, gpc: gpc == 1, categories }
      : null;
  } catch {
    return null;
  }
}
