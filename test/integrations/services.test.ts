// @vitest-environment jsdom
// Service-level consent through both ways a site gets consentkit: the built
// script tag (dist/consentkit.min.js, configured by window.consentkitConfig)
// and the npm module (dist/consentkit.mjs). Run `npm run build` first (npm test does).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { screen, within } from '@testing-library/dom';
import type { ConsentKit } from '../../src/createConsentKit';
import type { ConsentKitConfig } from '../../src/core/config';
import { consentCommands, resetPage } from './fakes';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT_TAG = readFileSync(join(ROOT, 'dist/consentkit.min.js'), 'utf8');
const NPM_BUILD = join(ROOT, 'dist/consentkit.mjs');

const CONFIG: ConsentKitConfig = {
  consentMode: true,
  categories: { marketing: { services: [{ name: 'YouTube', cookies: ['YSC'] }, { name: 'Ad pixel', cookies: ['_fbp'] }] } },
};

const PAGE = `
  <script type="text/plain" data-consent="marketing" data-service="youtube">document.documentElement.dataset.ran += ' youtube'</script>
  <script type="text/plain" data-consent="marketing" data-service="ad-pixel">document.documentElement.dataset.ran += ' pixel'</script>`;

const ran = () => (document.documentElement.dataset.ran ?? '').split(' ').filter(Boolean);
const adStorage = () => consentCommands().map(([kind, signals]) => `${String(kind)} ${(signals as { ad_storage: string }).ad_storage}`);

let kit: ConsentKit | undefined;
afterEach(() => {
  kit?.destroy();
  kit = undefined;
  for (const name of ['consentkit', 'YSC', '_fbp']) document.cookie = `${name}=; max-age=0; path=/`;
  localStorage.clear();
  delete window.consentkit;
  delete window.consentkitConfig;
  document.body.innerHTML = '';
  document.documentElement.dataset.ran = '';
  resetPage();
});

const paths: Array<[string, () => Promise<ConsentKit>]> = [
  [
    'the script tag',
    async () => {
      window.consentkitConfig = CONFIG;
      // As a <script> would run it: a classic script in the page's global scope.
      new Function(SCRIPT_TAG)();
      return window.consentkit!;
    },
  ],
  [
    'the npm module',
    async () => {
      const { createConsentKit } = (await import(/* @vite-ignore */ NPM_BUILD)) as typeof import('../../src/index');
      return createConsentKit(CONFIG);
    },
  ],
];

for (const [path, start] of paths) {
  test(`${path}: a visitor allows YouTube and refuses the ad pixel in the dialog; only YouTube runs, the pixel's cookie goes`, async () => {
    document.body.innerHTML = PAGE;
    document.documentElement.dataset.ran = '';
    document.cookie = 'YSC=1; path=/';
    document.cookie = '_fbp=1; path=/';
    kit = await start();
    screen.getByRole('button', { name: 'Customize' }).click();
    const dialog = screen.getByRole('dialog', { name: 'Cookie preferences' });
    within(dialog).getByRole('switch', { name: 'YouTube' }).click();
    expect(within(dialog).getByRole('switch', { name: 'Marketing' }).getAttribute('aria-checked')).toBe('mixed');
    within(dialog).getByRole('button', { name: 'Save my choices' }).click();

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(ran()).toEqual(['youtube']);
    expect(kit.receipts().at(-1)).toMatchObject({ categories: { marketing: false }, services: { youtube: true, 'ad-pixel': false } });
    expect([kit.has('youtube'), kit.has('ad-pixel'), kit.has('marketing')]).toEqual([true, false, false]);
    // Consent Mode maps from categories: marketing is not granted as a whole, so ads stay denied.
    expect(adStorage()).toEqual(['default denied', 'update denied']);

    // Withdrawing YouTube deletes its cookie; granting the pixel too grants marketing.
    kit.withdraw('youtube');
    expect(document.cookie).not.toContain('YSC');
    kit.save({ marketing: true });
    expect(ran()).toEqual(['youtube', 'pixel']);
    expect(adStorage()).toEqual(['default denied', 'update denied', 'update denied', 'update granted']);
  });
}
