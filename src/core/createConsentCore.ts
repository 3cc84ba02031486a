import { nanoid } from 'nanoid';
import { NECESSARY, type CategoryChoices, type CategoryId, type ServiceChoices } from './categories';
import { createEmitter } from './emitter';
import { shownHash } from './shownHash';
import type { ResolvedConfig } from './normalizeConfig';
import type { Receipt, ReceiptAction, ReceiptSource } from './receipt';
import { decodeRecord, type StoredRecord } from './record';
import { logKeyOf, readReceiptLog, writeReceiptLog } from './receiptLog';
import type { ConsentEvents, ConsentState, PromptReason } from './state';
import type { Clock, KeyValueStore, RecordSlot } from './storage';

/** The browser services the core is handed, so that it never touches the DOM; in-memory fakes in tests. */
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
  /** The texts the visitor was shown, digested into `shownHash`; undefined counts as ''. @default '' */
  shownText?: () => string | undefined;
  /** The receipt's `shownHash`, when known at the decision (the notice's SHA-256); undefined: the 64-bit digest of `shownText`. */
  shownHash?: () => string | undefined;
}

export interface DecisionOptions {
  /** Where the decision was taken. @default 'api' */
  source?: ReceiptSource;
}

export type ConsentCore = ReturnType<typeof createConsentCore>;

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The headless consent manager: decisions, expiry, receipts and events, with
 * no DOM. Every decision method records a receipt and returns it.
 */
export function createConsentCore(config: ResolvedConfig, services: CoreServices) {
  const { slot, store, clock = Date, newId = nanoid, language = 'en' } = services;
  const gpc = services.gpc === true;
  const { policyVersion, cookie } = config;
  const logKey = logKeyOf(cookie.name);
  const ids = config.categories.map((c) => c.id);
  /** Each service's id, with its category's. */
  const serviceCategory = new Map(config.categories.flatMap((c) => c.services.map((service) => [service.id, c.id])));
  const serviceIds = [...serviceCategory.keys()];
  /** What a visitor can grant and refuse: the categories and services outside `necessary`. */
  const optional = [...ids, ...serviceIds].filter((id) => (serviceCategory.get(id) ?? id) !== NECESSARY);
  const events = createEmitter<ConsentEvents>((error, type) => reportError('listener', `a "${String(type)}" listener threw`, error));
  const readLog = () => readReceiptLog(store, logKey);
  /**
   * A whole decision: each service as `choose` says, each category granted
   * when all its services are (one without services as `choose` says);
   * `necessary` and its services always granted.
   */
  function choices(choose: (id: string, category: CategoryId) => boolean): { categories: CategoryChoices; services: ServiceChoices } {
    const categories: CategoryChoices = {};
    const services: ServiceChoices = {};
    for (const { id, services: listed } of config.categories) {
      const chosen = (which: string) => id === NECESSARY || choose(which, id);
      for (const service of listed) services[service.id] = chosen(service.id);
      categories[id] = listed.length > 0 ? listed.every((service) => services[service.id]) : chosen(id);
    }
    return { categories, services };
  }

  /**
   * Whether the decision `r` grants a service, or a category and so every
   * service in it (one added since was not asked about: not granted). A record
   * without service choices (written before they existed) grants a service
   * with its category.
   */
  function grants(r: StoredRecord | null, id: string): boolean {
    const category = serviceCategory.get(id);
    if (category !== undefined) return category === NECESSARY || (r?.s ? r.s[id] === 1 : r?.c[category] === 1);
    return id === NECESSARY || (ids.includes(id) && r?.c[id] === 1 && config.categories.find((c) => c.id === id)!.services.every((service) => grants(r, service.id)));
  }
  const expiry = (r: StoredRecord) => r.ts + cookie.maxAgeDays * DAY;

  let record = decodeRecord(slot.read());
  /** When the banner or the dialog was first shown since the last decision, 0 when not: the UI emits `show` (a headless site's own UI may too). */
  let shownAt = 0;
  events.on('show', () => void (shownAt ||= clock.now()));

  function reportError(code: string, message: string, detail?: unknown): void {
    events.emit('error', { code, message, ...(detail !== undefined && { detail }) });
  }

  /** The stored decision while it stands: same policy, not expired, not from the future. */
  function current(): StoredRecord | null {
    const now = clock.now();
    return record && record.pv === policyVersion && record.ts <= now + DAY && now < expiry(record) ? record : null;
  }

  /**
   * Why the banner must ask now, or null when a valid decision stands. A
   * category the visitor was never asked about (added by the site since) asks
   * again; the choices already made hold meanwhile.
   */
  function promptReason(): PromptReason {
    const r = current();
    // typeof, not `in`: a site category named like an Object property must not count as asked.
    // A service added since asks again as a category does.
    if (r) return ids.every((id) => typeof r.c[id] === 'number') && (!r.s || serviceIds.every((id) => typeof r.s![id] === 'number')) ? null : 'new-category';
    if (record && record.pv !== policyVersion) return 'policy-changed';
    return record || readLog().length ? 'expired' : 'first-visit';
  }

  function get(): ConsentState | null {
    const r = current();
    return r && {
      subject: r.sub,
      ...choices((id) => grants(r, id)),
      policyVersion: r.pv,
      decidedAt: iso(r.ts),
      expiresAt: iso(expiry(r)),
      receipt: r.rid,
      gpc: r.gpc === 1,
    };
  }

  /** Every listed category and service is granted (`necessary` always is). Called per tagged element: it builds no state. */
  function has(wanted: CategoryId | CategoryId[]): boolean {
    const r = current();
    return [wanted].flat().every((id) => grants(r, id));
  }

  const grantedIn = (state: ConsentState | null, id: string) => state?.categories[id] === true || state?.services[id] === true;
  /** Optional categories and services granted in `a` and not in `b`. */
  const lost = (a: ConsentState | null, b: ConsentState | null) => optional.filter((id) => grantedIn(a, id) && !grantedIn(b, id));

  /**
   * Records a decision. `renewing` is the standing decision, recorded again
   * under a new subject: the ledger erased the old one. It keeps its time (the
   * visitor decided then, so it lapses as it would have) and the categories
   * the visitor was asked about, so that one added since still asks.
   */
  function decide(action: ReceiptAction, choose: (id: string, category: CategoryId) => boolean, options: DecisionOptions = {}, renewing?: StoredRecord): Receipt {
    const before = get();
    const log = readLog();
    // The chain goes on from the stored decision, else (cookie gone) from the last receipt kept here.
    const last = log[log.length - 1];
    let subject = newId();
    let previous: string | null = null;
    if (renewing) {
      // A new subject starts a new chain.
    } else if (record) {
      subject = record.sub;
      previous = record.rid;
    } else if (last) {
      subject = last.subject;
      previous = last.id;
    }
    const now = clock.now();
    const decision = choices(choose);
    const { categories } = decision;
    const receipt: Receipt = {
      id: newId(),
      subject,
      timestamp: iso(now),
      action,
      source: options.source ?? 'api',
      categories,
      services: decision.services,
      policy: { version: policyVersion, url: config.policyUrl },
      language,
      previous,
      shownHash: services.shownHash?.() ?? shownHash(services.shownText?.()),
      gpc,
    };
    const reason = renewing ? 'subject-erased' : promptReason();
    if (reason) receipt.reason = reason;
    if (config.configVersion) receipt.configVersion = config.configVersion;
    // Whole seconds, at most an hour: coarse on purpose, so that it identifies no one. Code (`api`, `gpc`) takes no time to count.
    if (shownAt && receipt.source !== 'api' && receipt.source !== 'gpc') receipt.decisionSeconds = Math.min(3600, Math.max(0, Math.floor((now - shownAt) / 1000)));
    shownAt = 0;
    /** 1 or 0 for each id of `list` the visitor was asked about: all, or when renewing, those `held` holds (none held: all). */
    const flags = (list: string[], held: Record<string, 0 | 1> | undefined, chosen: Record<string, boolean>) =>
      Object.fromEntries(list.filter((id) => !held || typeof held[id] === 'number').map((id) => [id, chosen[id] ? 1 : 0] as const));
    record = {
      v: 1,
      sub: subject,
      ts: renewing ? renewing.ts : now,
      pv: policyVersion,
      rid: receipt.id,
      gpc: gpc ? 1 : 0,
      c: flags(ids, renewing?.c, categories),
      s: flags(serviceIds, renewing?.s, decision.services),
    };
    slot.write(JSON.stringify(record), cookie.maxAgeDays);
    if (renewing) log.length = 0;
    log.push(receipt);
    writeReceiptLog(store, logKey, log);
    const state = get()!;
    events.emit('consent', { receipt, state });
    announce(before, state, receipt);
    return receipt;
  }

  /** Without a receipt the stored decision itself changed (another tab, erasure): announced even if no category did. */
  function announce(before: ConsentState | null, after: ConsentState | null, receipt?: Receipt): void {
    const grantedNow = lost(after, before);
    const revoked = lost(before, after);
    if (!receipt || grantedNow.length > 0 || revoked.length > 0) events.emit('change', { granted: grantedNow, revoked, state: after });
    // Refusing what was granted is a withdrawal, whichever control did it.
    if (revoked.length > 0 && receipt) events.emit('withdraw', { categories: revoked, receipt });
  }

  /** Replaces the stored decision and announces it if it is another one. */
  function replace(next: StoredRecord | null): void {
    const before = get();
    record = next;
    const after = get();
    if (after?.receipt !== before?.receipt) announce(before, after);
  }

  /** Known category and service ids pass; unknown ones are reported, and never granted. */
  function known(id: string): boolean {
    if (ids.includes(id) || serviceCategory.has(id)) return true;
    reportError('category', `unknown category or service "${id}"; ignored`);
    return false;
  }

  /** Known optional ids pass; `necessary`, its services and unknown ones are reported. */
  function withdrawable(id: string): boolean {
    if ((serviceCategory.get(id) ?? id) !== NECESSARY) return known(id);
    reportError('category', '"necessary" cannot be withdrawn; ignored');
    return false;
  }

  const none = () => false;

  return {
    config,
    get,
    has,
    promptReason,
    /** Grants every category; with GPC respected, marketing stays refused. */
    acceptAll: (options?: DecisionOptions): Receipt =>
      decide('accept-all', (_id, category) => !(gpc && config.gpc === 'respect' && category === 'marketing'), options),
    rejectAll: (options?: DecisionOptions): Receipt => decide('reject-all', none, options),
    /** Closing the banner without choosing: a refusal (CNIL 2020). */
    dismiss: (options?: DecisionOptions): Receipt => decide('dismiss', none, { source: 'banner', ...options }),
    /**
     * Records these choices, by category or service id; a category sets all its
     * services, a service named too wins. What is not named keeps its state.
     */
    save(given: Partial<CategoryChoices>, options?: DecisionOptions): Receipt {
      const named = Object.keys(given).filter(known);
      const pick = (id: string) => (named.includes(id) ? given[id] === true : undefined);
      return decide('save', (id, category) => pick(id) ?? pick(category) ?? has(id), options);
    },
    /** Withdraws one or more categories (with their services) or services; none named = every optional category. A trailing object gives options. */
    withdraw(...args: Array<CategoryId | CategoryId[] | DecisionOptions>): Receipt {
      const named = args.flat().filter((a): a is string => typeof a === 'string');
      const options = args.find((a): a is DecisionOptions => typeof a === 'object' && !Array.isArray(a));
      const off = named.length > 0 ? named.filter(withdrawable) : ids;
      return decide('withdraw', (id, category) => !off.includes(id) && !off.includes(category) && has(id), options);
    },
    on: events.on,
    emit: events.emit,
    /** Runs `fn` once: now if granted, else on the grant. Returns a cancel function. */
    whenGranted(categories: CategoryId | CategoryId[], fn: () => void): () => void {
      const off = events.on('change', check);
      function check() {
        if (!has(categories)) return;
        off();
        try {
          fn();
        } catch (error) {
          reportError('listener', 'a whenGranted callback threw', error);
        }
      }
      check();
      return off;
    },
    /** This browser's receipts, oldest first. */
    receipts: readLog,
    /** Reads the stored decision again (another tab changed it) and announces the difference. */
    reload: () => replace(decodeRecord(slot.read())),
    /** Erasure: forgets the decision, the subject id and this browser's receipts. */
    forget(): void {
      slot.remove();
      store.remove(logKey);
      replace(null);
    },
    /**
     * The ledger erased this subject and refuses its receipts: starts a new
     * subject, forgetting this browser's receipts of the old one, and records
     * the standing decision under it (`reason: 'subject-erased'`, source
     * `api`). Nothing changes for the visitor: no `change` event, no banner.
     * Without a standing decision it only forgets the subject, and returns null.
     */
    renewSubject(): Receipt | null {
      const standing = current();
      if (standing) return decide('save', (id) => grants(standing, id), {}, standing);
      slot.remove();
      store.remove(logKey);
      record = null;
      return null;
    },
    reportError,
    destroy: events.clear,
  };
}
