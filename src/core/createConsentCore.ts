import { nanoid } from 'nanoid';
import { grantAll, NECESSARY, refuseAll, type CategoryChoices, type CategoryId } from './categories';
import { createEmitter } from './emitter';
import { shownHash as shownHashOf } from './shownHash';
import type { ResolvedConfig } from './normalizeConfig';
import type { Receipt, ReceiptAction, ReceiptSource } from './receipt';
import { decodeRecord, encodeRecord, type StoredRecord } from './record';
import { readReceiptLog, writeReceiptLog } from './receiptLog';
import type { ConsentError, ConsentEvents, ConsentState, PromptReason } from './state';
import type { Clock, KeyValueStore, RecordSlot } from './storage';

/** The browser services the core is handed (STYLE.md §1); fakes in tests. */
export interface CoreServices {
  /** Holds the encoded decision: the consent cookie. */
  slot: RecordSlot;
  /** Keeps this browser's receipts. */
  store: KeyValueStore;
  /** @default Date */
  clock?: Clock;
  /** @default nanoid */
  newId?: () => string;
  /** The browser sends Global Privacy Control. @default false */
  gpc?: boolean;
  /** The language the visitor is addressed in, recorded in receipts. @default 'en' */
  language?: string;
  /** The texts the visitor was shown, digested into `shownHash`. @default '' */
  shownText?: () => string;
}

export interface DecisionOptions {
  /** Where the decision was taken. @default 'api' */
  source?: ReceiptSource;
}

export type ConsentCore = ReturnType<typeof createConsentCore>;

const DAY = 86_400_000;

/**
 * The headless consent manager: decisions, expiry, receipts and events, with
 * no DOM. Every decision method records a receipt and returns it.
 */
export function createConsentCore(config: ResolvedConfig, services: CoreServices) {
  const clock = services.clock ?? Date;
  const newId = services.newId ?? nanoid;
  const gpc = services.gpc === true;
  const logKey = `${config.cookie.name}:receipts`;
  const ids = config.categories.map((c) => c.id);
  const events = createEmitter<ConsentEvents>((error, type) =>
    reportError('listener', `a "${String(type)}" listener threw`, error),
  );

  let record: StoredRecord | null = decodeRecord(services.slot.read());

  function reportError(code: string, message: string, detail?: unknown): void {
    const error: ConsentError = detail === undefined ? { code, message } : { code, message, detail };
    events.emit('error', error);
  }

  function isValid(r: StoredRecord | null): boolean {
    const now = clock.now();
    return !!r && r.policyVersion === config.policyVersion && r.decidedAt <= now + DAY && now < expiry(r);
  }

  function expiry(r: StoredRecord): number {
    return r.decidedAt + config.cookie.maxAgeDays * DAY;
  }

  /** Why the banner must ask now, or null when a valid decision stands. */
  function promptReason(): PromptReason {
    if (isValid(record)) return null;
    if (record && record.policyVersion !== config.policyVersion) return 'policy-changed';
    return record || readReceiptLog(services.store, logKey).length ? 'expired' : 'first-visit';
  }

  function get(): ConsentState | null {
    if (!record || !isValid(record)) return null;
    const categories = refuseAll(ids);
    for (const id of ids) categories[id] = id === NECESSARY || record.categories[id] === true;
    return {
      subject: record.subject,
      categories,
      policyVersion: record.policyVersion,
      decidedAt: new Date(record.decidedAt).toISOString(),
      expiresAt: new Date(expiry(record)).toISOString(),
      receipt: record.receipt,
      gpc: record.gpc,
    };
  }

  /** Every listed category is granted (`necessary` always is). Called per tagged element: it builds no state. */
  function has(categories: CategoryId | CategoryId[]): boolean {
    const valid = !!record && isValid(record);
    return [categories].flat().every((id) => id === NECESSARY || (valid && ids.includes(id) && record!.categories[id] === true));
  }

  const granted = (state: ConsentState | null) => ids.filter((id) => id === NECESSARY || state?.categories[id] === true);

  function decide(action: ReceiptAction, choices: CategoryChoices, options: DecisionOptions = {}): Receipt {
    const before = get();
    const log = readReceiptLog(services.store, logKey);
    const last = log[log.length - 1];
    const subject = record?.subject ?? last?.subject ?? newId();
    const previous = record?.subject === subject ? record.receipt : last?.subject === subject ? last.id : null;
    const now = clock.now();
    const categories = refuseAll(ids);
    for (const id of ids) categories[id] = id === NECESSARY || choices[id] === true;
    const receipt: Receipt = {
      id: newId(),
      subject,
      timestamp: new Date(now).toISOString(),
      action,
      source: options.source ?? 'api',
      categories,
      policy: { version: config.policyVersion, url: config.policyUrl },
      language: services.language ?? 'en',
      previous,
      shownHash: shownHashOf(services.shownText?.() ?? ''),
      gpc,
    };
    const reason = promptReason();
    if (reason) receipt.reason = reason;
    record = { subject, decidedAt: now, policyVersion: config.policyVersion, receipt: receipt.id, gpc, categories };
    services.slot.write(encodeRecord(record), config.cookie.maxAgeDays);
    log.push(receipt);
    writeReceiptLog(services.store, logKey, log);
    const state = get() as ConsentState;
    events.emit('consent', { receipt, state });
    announceChange(before, state, receipt);
    return receipt;
  }

  /** `always`: the stored decision itself changed (another tab, erasure), even if no category did. */
  function announceChange(before: ConsentState | null, after: ConsentState | null, receipt?: Receipt, always = false): void {
    const was = granted(before);
    const now = granted(after);
    const grantedNow = now.filter((id) => !was.includes(id));
    const revoked = was.filter((id) => !now.includes(id));
    if (always || grantedNow.length || revoked.length) events.emit('change', { granted: grantedNow, revoked, state: after });
    // Refusing what was granted is a withdrawal, whichever control did it.
    if (revoked.length && receipt) events.emit('withdraw', { categories: revoked, receipt });
  }

  /** Only known categories; unknown ids are reported, never granted. */
  function knownChoices(choices: Partial<CategoryChoices>): CategoryChoices {
    const known: CategoryChoices = {};
    for (const [id, value] of Object.entries(choices)) {
      if (ids.includes(id)) known[id] = value === true;
      else reportError('category', `unknown category "${id}"; ignored`);
    }
    return known;
  }

  const optional = ids.filter((id) => id !== NECESSARY);

  return {
    config,
    get,
    has,
    promptReason,
    /** Grants every category; with GPC respected, marketing stays refused. */
    acceptAll(options?: DecisionOptions): Receipt {
      const choices = grantAll(ids);
      if (gpc && config.gpc === 'respect') choices.marketing = false;
      return decide('accept-all', choices, options);
    },
    rejectAll: (options?: DecisionOptions): Receipt => decide('reject-all', refuseAll(ids), options),
    /** Closing the banner without choosing: a refusal (CNIL 2020). */
    dismiss: (options?: DecisionOptions): Receipt => decide('dismiss', refuseAll(ids), { source: 'banner', ...options }),
    /** Records these choices; categories not named keep their current state. */
    save(choices: Partial<CategoryChoices>, options?: DecisionOptions): Receipt {
      return decide('save', { ...get()?.categories, ...knownChoices(choices) }, options);
    },
    /** Withdraws one or more categories; none named = every optional category. A trailing object gives options. */
    withdraw(...args: Array<CategoryId | CategoryId[] | DecisionOptions>): Receipt {
      const named = args.flat().filter((a): a is string => typeof a === 'string');
      const options = args.find((a): a is DecisionOptions => typeof a === 'object' && !Array.isArray(a));
      const choices: CategoryChoices = { ...get()?.categories };
      for (const id of named.length ? named : optional) {
        if (id === NECESSARY) reportError('category', '"necessary" cannot be withdrawn; ignored');
        else if (ids.includes(id)) choices[id] = false;
        else reportError('category', `unknown category "${id}"; ignored`);
      }
      return decide('withdraw', choices, options);
    },
    on: events.on,
    emit: events.emit,
    /** Runs `fn` once: now if granted, else on the grant. Returns a cancel function. */
    whenGranted(categories: CategoryId | CategoryId[], fn: () => void): () => void {
      const run = () => {
        try {
          fn();
        } catch (error) {
          reportError('listener', 'a whenGranted callback threw', error);
        }
      };
      if (has(categories)) {
        run();
        return () => {};
      }
      const off = events.on('change', () => {
        if (!has(categories)) return;
        off();
        run();
      });
      return off;
    },
    /** This browser's receipts, oldest first. */
    receipts: (): Receipt[] => readReceiptLog(services.store, logKey),
    /** Reads the stored decision again (another tab changed it) and announces the difference. */
    reload(): void {
      const before = get();
      record = decodeRecord(services.slot.read());
      const after = get();
      if (after?.receipt !== before?.receipt) announceChange(before, after, undefined, true);
    },
    /** Erasure: forgets the decision, the subject id and this browser's receipts. */
    forget(): void {
      const before = get();
      record = null;
      services.slot.remove();
      services.store.remove(logKey);
      announceChange(before, null, undefined, before !== null);
    },
    reportError,
    destroy(): void {
      events.clear();
    },
  };
}

