import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultSiteConfig, toConsentKitConfig, validateSiteConfig } from '../../../src/server/index';
import { PASSWORDS, STORES, startConsoleLedger, type Client, type ConsoleLedger } from './consoleFixture';

// Receipts record the published version the page ran (`configVersion`), so the
// statistics can compare versions: the ledger-served script and config.json carry it.
for (const kind of STORES) describe(kind, () => {
  let ledger: ConsoleLedger;
  let editor: Client;
  beforeAll(async () => {
    ledger = await startConsoleLedger({}, {}, kind);
    editor = ledger.client();
    await editor.signIn('ed', PASSWORDS.ed);
  });
  afterAll(() => ledger?.close());

  const delivered = async () => {
    const script = await (await ledger.client().call('/consentkit.js')).text();
    const window: Record<string, unknown> = {};
    runInNewContext(script.slice(0, script.indexOf('\n')), { window, JSON, Object });
    const json = (await (await ledger.client().call('/config.json')).json()) as Record<string, unknown>;
    return [(window.consentkitConfig as Record<string, unknown>).configVersion, json.configVersion];
  };

  test('consentkit.js and config.json carry the published version number, none before the first publish; a rollback is a new number', async () => {
    expect(await delivered()).toEqual([undefined, undefined]);
    expect((await editor.call('/console/api/publish', { method: 'POST' })).status).toBe(201);
    expect(await delivered()).toEqual([1, 1]);
    expect((await editor.call('/console/api/publish', { method: 'POST' })).status).toBe(201);
    expect((await editor.call('/console/api/versions/1/publish', { method: 'POST' })).status).toBe(201);
    expect(await delivered()).toEqual([3, 3]);
  });
});

test('a draft has no version; a published one passes the SDK validation with it', () => {
  expect(toConsentKitConfig(defaultSiteConfig())).not.toHaveProperty('configVersion');
  expect(toConsentKitConfig(defaultSiteConfig(), 4)).toMatchObject({ configVersion: 4 });
  expect(validateSiteConfig(defaultSiteConfig())).toEqual([]);
  // countImpressions goes to visitors only when the site switched it on.
  expect(toConsentKitConfig(defaultSiteConfig())).not.toHaveProperty('countImpressions');
  expect(toConsentKitConfig({ ...defaultSiteConfig(), countImpressions: true } as ReturnType<typeof defaultSiteConfig>)).toMatchObject({ countImpressions: true });
});
