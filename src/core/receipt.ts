import type { CategoryChoices, ServiceChoices } from './categories';
import type { PromptReason } from './state';

/** What the visitor did. `dismiss` is closing the banner: a refusal. */
export type ReceiptAction = 'accept-all' | 'reject-all' | 'dismiss' | 'save' | 'withdraw';

/** Why a receipt was recorded: a prompt reason, or `subject-erased`. */
export type ReceiptReason = Exclude<PromptReason, null> | 'subject-erased';

/** Where the decision was taken. */
export type ReceiptSource = 'banner' | 'preferences' | 'api' | 'gpc' | 'settings-button' | 'placeholder';

/** Proof of who agreed to what, when, how, under which policy. Fields may be added, never removed. */
export interface Receipt {
  /** nanoid, 21 characters: the idempotency key of the sync protocol. */
  id: string;
  /** Pseudonymous id kept in the consent cookie. */
  subject: string;
  /** ISO 8601, UTC. */
  timestamp: string;
  action: ReceiptAction;
  source: ReceiptSource;
  /** The whole decision after this action, `necessary` included; a category with services is granted when all of them are. */
  categories: CategoryChoices;
  /** The same decision per service id (`{}` when the site lists no services); absent from receipts of earlier versions. */
  services?: ServiceChoices;
  policy: { version: string; url: string | null };
  language: string;
  /** Id of this subject's previous receipt, or null. */
  previous: string | null;
  /** Digest of the texts the visitor was shown. */
  shownHash: string;
  /** The browser sent Global Privacy Control. */
  gpc: boolean;
  /**
   * Why this receipt was recorded: the visitor was asked (again) for
   * `first-visit`, `expired`, `policy-changed`, `new-category` (a category or a
   * service added since the last decision); `subject-erased`
   * records the standing decision again under a new subject, because the
   * ledger erased the old one. Absent for later changes.
   */
  reason?: ReceiptReason;
  /** The published console configuration version the page ran (`configVersion` in the config); absent for a static config. */
  configVersion?: number;
  /**
   * Whole seconds from the banner or dialog appearing to this decision, at
   * most 3600. Coarse on purpose: it identifies no one. Absent for `api` and
   * `gpc` decisions, and when nothing was shown.
   */
  decisionSeconds?: number;
}
