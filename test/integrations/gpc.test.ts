// @vitest-environment jsdom
import { afterEach, expect, test } from 'vitest';
import { consentMode } from '../../src/integrations/consentMode';
import { consentCommands, createBrowserFakes, makeCore, resetPage } from './fakes';

afterEach(resetPage);

const withGpc = () => createBrowserFakes({ gpc: true });

test('with GPC, "accept all" leaves marketing refused and the receipt says gpc', () => {
  const core = makeCore({}, withGpc()).core;
  const receipt = core.acceptAll({ source: 'banner' });
  expect(receipt.categories).toEqual({ necessary: true, preferences: true, analytics: true, marketing: false });
  expect(receipt.gpc).toBe(true);
  expect(core.has('marketing')).toBe(false);
  expect(core.get()?.gpc).toBe(true);
});

test('GPC is never read as consent: nothing is decided, nothing granted, before the visitor chooses', () => {
  const core = makeCore({}, withGpc()).core;
  expect(core.get()).toBeNull();
  expect(core.promptReason()).toBe('first-visit');
  expect(core.receipts()).toEqual([]);
  expect(core.has('analytics')).toBe(false);
});

test('the visitor may still turn marketing on in the dialog', () => {
  const core = makeCore({}, withGpc()).core;
  core.acceptAll();
  const receipt = core.save({ marketing: true }, { source: 'preferences' });
  expect(receipt.categories.marketing).toBe(true);
  expect(receipt.gpc).toBe(true);
  expect(core.has('marketing')).toBe(true);
});

test('gpc: "ignore" treats "accept all" as usual, and the receipt still records the signal', () => {
  const core = makeCore({ gpc: 'ignore' }, withGpc()).core;
  const receipt = core.acceptAll();
  expect(receipt.categories.marketing).toBe(true);
  expect(receipt.gpc).toBe(true);
});

test('without GPC, receipts say gpc: false', () => {
  expect(makeCore().core.acceptAll().gpc).toBe(false);
});

test('Consent Mode reports the ad types denied after "accept all" under GPC', () => {
  const core = makeCore({ consentMode: true }, withGpc()).core;
  consentMode().setup(core);
  core.acceptAll();
  expect(consentCommands().at(-1)).toEqual([
    'update',
    expect.objectContaining({ ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'granted' }),
  ]);
});
