import type { CategoryChoices, CategoryId, ServiceChoices } from './categories';
import type { Receipt } from './receipt';

/** The current decision, as `get()` returns it. */
export interface ConsentState {
  /** Pseudonymous subject id, also in every receipt. */
  subject: string;
  /** Every category, `necessary` included; one with services is granted when all of them are. */
  categories: CategoryChoices;
  /** Every service, by id. */
  services: ServiceChoices;
  policyVersion: string;
  /** ISO time of the last decision. */
  decidedAt: string;
  /** ISO time when this decision lapses and the banner asks again. */
  expiresAt: string;
  /** Id of the receipt that recorded the last decision. */
  receipt: string;
  /** The browser sent Global Privacy Control when the decision was taken. */
  gpc: boolean;
}

/** Why the banner must ask, or null when a valid decision exists. */
/** `new-category`: the site added a category or a service since the decision. */
export type PromptReason = 'first-visit' | 'expired' | 'policy-changed' | 'new-category' | null;

/** An error the kit reports on the console and as an `error` event; it never throws into the page. */
export interface ConsentError {
  /** Stable machine-readable code, e.g. `config`, `storage`, `sync`, `listener`. */
  code: string;
  message: string;
  detail?: unknown;
}

/** The kit's events and their payloads. */
export interface ConsentEvents {
  [key: string]: unknown;
  /** Every decision, withdrawal included. */
  consent: { receipt: Receipt; state: ConsentState };
  /** Categories and services (by id) granted or revoked by a decision, another tab, expiry or erasure. */
  change: { granted: CategoryId[]; revoked: CategoryId[]; state: ConsentState | null };
  /** Granted categories and services (by id) now refused. */
  withdraw: { categories: CategoryId[]; receipt: Receipt };
  show: { layer: 'banner' | 'preferences' };
  hide: { layer: 'banner' | 'preferences' };
  /** After every sync attempt. */
  sync: { sent: number; pending: number };
  error: ConsentError;
  /** After the cookies and storage of refused categories and services were deleted; `remaining` could not be. */
  clear: { categories: CategoryId[]; removed: string[]; remaining: string[] };
}
