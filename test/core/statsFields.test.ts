import { expect, test } from 'vitest';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import { makeCore } from './fakes';

// The two receipt fields the ledger's statistics read: the published configuration
// version the page ran, and how long the visitor took to decide.

test('receipts carry the configuration version the page was given, and none without one', () => {
  expect(makeCore({ configVersion: 3 }).core.acceptAll()).toMatchObject({ configVersion: 3 });
  expect(makeCore().core.acceptAll()).not.toHaveProperty('configVersion');
});

test.each([0, -1, 2.5, '3', null, Number.MAX_VALUE])('configVersion %j is reported and left out of receipts', (configVersion) => {
  const { config, errors } = normalizeConfig({ configVersion });
  expect(errors).toEqual(['"configVersion" must be a whole number from 1; ignored']);
  expect(config).not.toHaveProperty('configVersion');
  expect(makeCore({ configVersion } as never).core.rejectAll()).not.toHaveProperty('configVersion');
});

test('countImpressions is off by default and must be true or false', () => {
  expect(normalizeConfig({}).config.countImpressions).toBeUndefined();
  expect(normalizeConfig({ countImpressions: true }).config.countImpressions).toBe(true);
  const faulty = normalizeConfig({ countImpressions: 'yes' as never });
  expect(faulty.errors).toEqual(['"countImpressions" must be true or false; ignored']);
  expect(faulty.config.countImpressions).toBeUndefined();
});

test('decisionSeconds: whole seconds from the first show since the last decision, on the core clock', () => {
  const { core, clock } = makeCore();
  core.emit('show', { layer: 'banner' });
  clock.advance(4_000);
  // Opening the dialog from the banner does not restart the count.
  core.emit('show', { layer: 'preferences' });
  clock.advance(8_999);
  expect(core.save({ analytics: true }, { source: 'preferences' }).decisionSeconds).toBe(12);

  // Later, the settings button opens the dialog again: a new count.
  clock.advance(600_000);
  core.emit('show', { layer: 'preferences' });
  clock.advance(2_500);
  expect(core.withdraw('analytics', { source: 'settings-button' }).decisionSeconds).toBe(2);
});

test('decisionSeconds is capped at an hour, and absent when nothing was shown or code decided', () => {
  const { core, clock } = makeCore();
  expect(core.acceptAll({ source: 'banner' })).not.toHaveProperty('decisionSeconds');
  core.emit('show', { layer: 'banner' });
  clock.advance(5 * 3_600_000);
  expect(core.rejectAll({ source: 'banner' }).decisionSeconds).toBe(3600);

  core.emit('show', { layer: 'banner' });
  clock.advance(3_000);
  expect(core.acceptAll()).not.toHaveProperty('decisionSeconds');
  core.emit('show', { layer: 'banner' });
  expect(core.rejectAll({ source: 'gpc' })).not.toHaveProperty('decisionSeconds');
  // An API decision ended the count: the next one, with nothing shown since, has none.
  expect(core.dismiss()).not.toHaveProperty('decisionSeconds');
});

test('a clock that went back gives 0, never a negative time', () => {
  const { core, clock } = makeCore();
  core.emit('show', { layer: 'banner' });
  clock.advance(-60_000);
  expect(core.dismiss().decisionSeconds).toBe(0);
});
