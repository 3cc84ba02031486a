// @vitest-environment jsdom
import { afterEach, expect, test } from 'vitest';
import { createConsentKit, type ConsentKit } from '../../src/index';
import { consentCommands, createBrowserFakes, dataLayer, isArguments, resetPage } from './fakes';

let kit: ConsentKit | undefined;
afterEach(() => {
  kit?.destroy();
  kit = undefined;
  resetPage();
});

test('consentMode: true puts the default first in dataLayer, then an update and a consentkit_update after a decision', () => {
  kit = createConsentKit({ consentMode: true }, createBrowserFakes());
  expect(isArguments(dataLayer()[0])).toBe(true);
  expect(consentCommands()).toEqual([['default', expect.objectContaining({ ad_storage: 'denied', security_storage: 'granted' })]]);

  kit.save({ analytics: true });

  const entries = dataLayer().map((e) => (isArguments(e) ? Array.from(e as ArrayLike<unknown>).slice(0, 2).join(' ') : (e as { event: string }).event));
  expect(entries).toEqual(['consent default', 'consent update', 'consentkit_update']);
});

test('without consentMode no gtag command is pushed, but tag managers still get consentkit_update', () => {
  kit = createConsentKit({}, createBrowserFakes());
  kit.rejectAll();
  expect(consentCommands()).toEqual([]);
  expect(dataLayer()).toEqual([expect.objectContaining({ event: 'consentkit_update', consentkit: expect.objectContaining({ granted: ['necessary'] }) })]);
});

test('destroy() stops the signals', () => {
  kit = createConsentKit({ consentMode: true }, createBrowserFakes());
  kit.destroy();
  const before = dataLayer().length;
  kit.acceptAll();
  expect(dataLayer()).toHaveLength(before);
});
