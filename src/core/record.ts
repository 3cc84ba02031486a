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

/** A missing, corrupt, oversized or tampered value is no decision: null, never a throw. */
export function decodeRecord(raw: string | null | undefined): StoredRecord | null {
  if (typeof raw !== 'string' || raw.length > MAX_RECORD_LENGTH) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const { v, sub, ts, pv, rid, gpc, c } = data as Record<string, unknown>;
  if (v !== RECORD_VERSION || typeof sub !== 'string' || !ID_PATTERN.test(sub)) return null;
  if (typeof rid !== 'string' || !ID_PATTERN.test(rid)) return null;
  if (typeof ts !== 'number' || !Number.isSafeInteger(ts) || ts <= 0) return null;
  if (typeof pv !== 'string' || pv.length > 100 || !isFlag(gpc)) return null;
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return null;
  const categories: CategoryChoices = {};
  for (const [id, flag] of Object.entries(c)) {
    if (!CATEGORY_ID_PATTERN.test(id) || !isFlag(flag)) return null;
    categories[id] = flag === 1;
  }
  // `necessary` cannot be refused; a record saying otherwise was not written by us.
  if (categories.necessary !== true) return null;
  return { subject: sub, decidedAt: ts, policyVersion: pv, receipt: rid, gpc: gpc === 1, categories };
}
