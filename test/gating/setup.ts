import { onTestFinished } from 'vitest';
import type { ConsentKitConfig } from '../../src/core/config';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import { createGating } from '../../src/gating/createGating';
import { createBrowserPlatform } from '../../src/platform/createBrowserPlatform';
import { textsFor } from '../../src/ui/texts';
import { createPlaceholder } from '../../src/ui/createPlaceholder';
import { makeCore } from '../core/fakes';

/** Tagged code in the tests writes what ran into the page; the page's scripts don't share the test's globals. */
export const ran = (): string[] => (document.documentElement.dataset.log ?? '').split(' ').filter(Boolean);
/** Inline code that records `name` as having run. */
export const record = (name: string) => `document.documentElement.dataset.log += ' ${name}'`;

export interface PageOptions {
  /** The visitor's language, for the placeholders. @default 'en' */
  language?: string;
  /** Stands in for the page's reload. @default a no-op */
  reload?: () => void;
}

/**
 * A core and gating on the jsdom page, on the browser platform of jsdom's
 * window (its cookies, storage and timers), with the UI's placeholders;
 * tagged code records itself with `record()`.
 */
export function startGating(html: string, config: ConsentKitConfig = {}, options: PageOptions = {}, previous?: ReturnType<typeof makeCore>) {
  document.body.innerHTML = html;
  document.documentElement.dataset.log = '';
  const made = makeCore(config, previous ? { slot: previous.slot, store: previous.store } : {});
  const clears: unknown[] = [];
  made.core.on('clear', (detail) => void clears.push(detail));
  const browser = createBrowserPlatform(window);
  const platform = { ...browser, page: { ...browser.page, reload: options.reload ?? (() => {}) } };
  const resolved = normalizeConfig(config).config;
  const placeholder = createPlaceholder(document, resolved, textsFor(options.language ?? 'en', resolved.texts));
  const gating = createGating(made.core, { platform, placeholder });
  // Each test leaves a clean page: its gating detached, its markup gone.
  onTestFinished(() => {
    gating.destroy();
    document.body.innerHTML = '';
  });
  return { ...made, gating, clears };
}

/** MutationObserver callbacks run in a microtask. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** jsdom fetches nothing: a test plays the network by firing `load` on an external script. */
export function loaded(src: string): void {
  const script = document.querySelector<HTMLScriptElement>(`script[src="${src}"]:not([type="text/plain"])`);
  if (!script) throw new Error(`no live script ${src}`);
  script.dispatchEvent(new Event('load'));
}
