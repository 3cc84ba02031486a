import { CATEGORY_ID_PATTERN } from './categories';
import { SERVICE_ID_PATTERN } from './serviceId';

/**
 * The decision as stored in the consent cookie, version 1, kept in memory in
 * the very shape it is written in (`JSON.stringify` of it is the cookie value,
 * keys in this order). Documented in the README so a server can read it:
 * `{"v":1,"sub":"…","ts":1764432000000,"pv":"2018-05-24","rid":"…","gpc":0,"c":{"necessary":1,"marketing":0},"s":{"youtube":1,"ad-pixel":0}}`
 */
export interface StoredRecord {
  v: 1;
  /** The subject id. */
  sub: string;
  /** Decision time, ms since the epoch. */
  ts: number;
  /** The policy version agreed to. */
  pv: string;
  /** Id of the receipt that recorded this decision. */
  rid: string;
  /** The browser sent Global Privacy Control. */
  gpc: 0 | 1;
  /** Granted (1) or refused (0), per category id, `necessary` included; a category with services is granted when all of them are. */
  c: Record<string, 0 | 1>;
  /**
   * Granted (1) or refused (0), per service id. A service missing here was
   * added since, and asks again. Absent from records written before services
   * had their own choice: there every service follows its category.
   */
  s?: Record<string, 0 | 1>;
}

const isFlag = (value: unknown) => value === 0 || value === 1;
const isId = (value: unknown) => typeof value === 'string' && /^[A-Za-z0-9_-]{10,64}$/.test(value);

/** A missing, corrupt, oversized or tampered value is no decision: null, never a throw. */
export function decodeRecord(raw: string | null | undefined): StoredRecord | null {
  // Checked before parsing: a first visit must not pay for a thrown exception.
  // A cookie is at most 4 KB; anything larger was not written by us.
  if (!raw || raw.length > 3000) return null;
  try {
    const record = JSON.parse(raw);
    const { v, sub, ts, pv, rid, gpc, c, s } = record;
    // for-in over a string or an array yields indices, which are no category ids.
    for (const id in c) if (!CATEGORY_ID_PATTERN.test(id) || !isFlag(c[id])) return null;
    for (const id in s) if (!SERVICE_ID_PATTERN.test(id) || !isFlag(s[id])) return null;
    // `necessary` cannot be refused; a record saying otherwise was not written by us.
    return v === 1 && isId(sub) && isId(rid) && Number.isSafeInteger(ts) && ts > 0 &&
      typeof pv === 'string' && pv.length <= 100 && isFlag(gpc) && c.necessary === 1
      ? record
      : null;
  } catch {
    return null;
  }
}
