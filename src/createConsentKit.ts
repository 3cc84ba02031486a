import type { ConsentKitConfig, Plugin } from './core/config';
import { chooseLanguage } from './core/chooseLanguage';
import { createConsentCore, type ConsentCore, type CoreServices } from './core/createConsentCore';
import { createNoticeDigest } from './core/noticeDigest';
import { normalizeConfig } from './core/normalizeConfig';
import { createGating } from './gating/createGating';
import { builtInIntegrations } from './integrations/builtInIntegrations';
import { countImpressions } from './integrations/countImpressions';
import { createBrowserPlatform } from './platform/createBrowserPlatform';
import { cookieSlotIn } from './platform/cookieSlot';
import type { Platform } from './platform/Platform';
import { createSync, type Sync } from './sync/createSync';
import { createPlaceholder } from './ui/createPlaceholder';
import { createUi, BUILT_IN_LANGUAGES, type Ui } from './ui/createUi';
import { shownNotice } from './ui/shownText';
import { textsFor } from './ui/texts';

/** The kit a page gets: the headless core plus the banner, gating and sync. */
export interface ConsentKit extends Omit<ConsentCore, 'emit' | 'destroy' | 'renewSubject'> {
  /** Shows the banner (first layer). */
  show(): void;
  /** Opens the preferences dialog. */
  showPreferences(): void;
  /** Hides the banner and the dialog. */
  hide(): void;
  /** Sends pending receipts now; resolves with what was sent and what is still pending. */
  flush: Sync['flush'];
  /** Right of access and portability: this subject's decision and receipts as the ledger holds them. */
  access: Sync['access'];
  /** Right to erasure: deletes this subject's records on the ledger, then forgets them here. */
  erase: Sync['erase'];
  /** Detaches everything the kit attached to the page. */
  destroy(): void;
}

/** Forwarded to `window` as `consentkit:<event>` CustomEvents for script-tag sites. */
const EVENT_NAMES = ['consent', 'change', 'withdraw', 'show', 'hide', 'sync', 'error', 'clear'];

/** Test seams: browser services to use instead of the page's own. */
export type ConsentKitServices = Partial<CoreServices> & { document?: Document };

/**
 * Creates a consent manager for this page. Never throws: a faulty config is
 * reported on the console and as `error` events, and its faulty parts fall
 * back to safe defaults that grant nothing optional.
 */
export function createConsentKit(input?: ConsentKitConfig, services: ConsentKitServices = {}): ConsentKit {
  return createConsentKitOn(createBrowserPlatform(), input, services);
}

/** `createConsentKit` on a given platform: every layer is handed it. */
export function createConsentKitOn(base: Platform, input?: ConsentKitConfig, services: ConsentKitServices = {}): ConsentKit {
  const platform: Platform = services.document ? { ...base, page: { ...base.page, document: services.document } } : base;
  const doc = platform.page.document;
  const { config, errors } = normalizeConfig(input);
  const language = chooseLanguage(config.language, [...BUILT_IN_LANGUAGES, ...Object.keys(config.texts)], platform.page.languages);
  const texts = textsFor(language, config.texts);
  // What the banner and dialog say, computed from the texts without building them, and hashed
  // once, off the critical path (below). Without a page nothing is shown: the digest stays that of ''.
  const notice = doc ? createNoticeDigest(() => shownNotice(config, texts, language), platform.sha256) : undefined;
  let ui: Ui | undefined;
  const store = services.store ?? platform.local;
  const core = createConsentCore(config, {
    slot: cookieSlotIn(platform.cookies, config.cookie),
    store,
    clock: platform.clock,
    gpc: platform.page.globalPrivacyControl(),
    language,
    // The notice's SHA-256 once computed; until then, and on plain http, the 64-bit digest of its canonical JSON.
    shownHash: () => notice?.currentHash(),
    shownText: () => notice?.noticeJson(),
    ...services,
  });
  const { emit: _emit, renewSubject: _renewSubject, ...api } = core;

  // Run in reverse on destroy: the core's own listeners go last.
  const cleanups = [
    core.destroy,
    core.on('error', (e) => console.error(`[consentkit] ${e.code}: ${e.message}`, ...(e.detail === undefined ? [] : [e.detail]))),
  ];
  const win = doc?.defaultView;
  if (win && typeof win.CustomEvent === 'function') {
    for (const name of EVENT_NAMES) cleanups.push(core.on(name, (detail) => win.dispatchEvent(new win.CustomEvent('consentkit:' + name, { detail }))));
  }
  // Problems found while starting are reported after creation, so that
  // listeners attached right after createConsentKit() hear them.
  const reportLater = (code: string, message: string, detail?: unknown) => queueMicrotask(() => core.reportError(code, message, detail));
  for (const message of errors) reportLater('config', message);

  // The outbox first: a decision taken while anything else starts must not miss it.
  const sync = createSync(core, { platform, store, ...(notice && { notice }) });
  cleanups.push(sync.destroy);
  // Then integrations, ours before the site's: Consent Mode's default must precede any activated tag.
  for (const plugin of [...builtInIntegrations(core, platform), ...(config.plugins as Array<Plugin<ConsentCore>>)]) {
    try {
      const cleanup = plugin.setup(core);
      if (typeof cleanup === 'function') cleanups.push(cleanup);
    } catch (error) {
      reportLater('plugin', `plugin "${plugin.name}" failed to set up`, error);
    }
  }

  if (doc) {
    cleanups.push(createGating(core, { platform, placeholder: createPlaceholder(doc, config, texts) }).destroy);
    // Before the UI, which shows the banner as it starts.
    if (config.countImpressions && config.endpoint) cleanups.push(countImpressions(core, platform.transport, config.endpoint + '/impressions', language));
    ui = createUi(core, { document: doc, language, texts });
    cleanups.push(ui.destroy);
  }
  // The notice's SHA-256, right after start-up: a decision taken before it is ready records the 64-bit digest.
  if (notice) platform.timers.set(notice.hashNotice, 0);
  return {
    ...api,
    // flush, access and erase; its destroy is overridden below.
    ...sync,
    show: () => ui?.show(),
    showPreferences: () => ui?.showPreferences(),
    hide: () => ui?.hide(),
    destroy() {
      for (const cleanup of cleanups.splice(0).reverse()) {
        try {
          cleanup();
        } catch (error) {
          core.reportError('destroy', 'a cleanup failed', error);
        }
      }
    },
  };
}
