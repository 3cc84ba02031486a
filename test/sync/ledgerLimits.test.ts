// The SDK must never accept a configuration whose receipts the ledger then
// refuses: a 400 is final, so every decision on such a site would be lost.
// These tests take the SDK to each of its limits and deliver to the real ledger.
import { afterEach, expect, test } from 'vitest';
import { createConsentKit } from '../../src/createConsentKit';
import { createMemorySlot, createMemoryStore } from '../../src/core/storage';
import { startTempLedger, type TempLedger } from '../server/ledgerFixture';

let ledger: TempLedger | undefined;
afterEach(async () => {
  await ledger?.close();
  ledger = undefined;
});

/** `count` categories of the site's own, each with `perCategory` services. */
function ownCategories(count: number, perCategory: number) {
  return Object.fromEntries(
    Array.from({ length: count }, (_, c) => [`own-${c + 1}`, { services: Array.from({ length: perCategory }, (_, s) => ({ name: `Service ${c + 1} ${s + 1}` })) }]),
  );
}

/** Accepts everything on a fresh page of the given config; the config errors reported and what the ledger then stored. */
async function acceptAllOn(config: Record<string, unknown>) {
  ledger = await startTempLedger({ clock: () => Date.now() });
  const kit = createConsentKit({ endpoint: ledger.server.endpoint, ...config }, { store: createMemoryStore(), slot: createMemorySlot() });
  const errors: string[] = [];
  kit.on('error', (error) => errors.push(error.message));
  const synced = new Promise<unknown>((resolve) => kit.on('sync', resolve));
  const receipt = kit.acceptAll();
  const sync = await synced;
  kit.destroy();
  return { receipt, sync, errors, stored: await ledger.storedIds() };
}

test('the largest configuration the SDK accepts: 32 categories, 64 services, a 64-character policy version, a five-part language tag; the ledger stores its receipt', async () => {
  const language = 'abc-abcdefgh-abcdefgh-abcdefgh-abcdefgh';
  const { receipt, sync, errors, stored } = await acceptAllOn({
    // The four built-in ones and 28 of the site's own; 2 services in each of those, and 8 more in the last.
    categories: { ...ownCategories(28, 2), 'own-28': { services: Array.from({ length: 10 }, (_, s) => ({ name: `Last ${s + 1}` })) } },
    policyVersion: 'v'.repeat(64),
    language,
    texts: { [language]: { title: 'Cookies' } },
  });
  expect(errors).toEqual([]);
  expect(Object.keys(receipt.categories)).toHaveLength(32);
  expect(Object.keys(receipt.services ?? {})).toHaveLength(64);
  expect(receipt).toMatchObject({ language, policy: { version: 'v'.repeat(64) } });
  expect(sync).toEqual({ sent: 1, pending: 0 });
  expect(stored).toEqual([receipt.id]);
});

test('past each limit, the extra is left out and said once, and the ledger still stores every receipt', async () => {
  const { receipt, sync, errors, stored } = await acceptAllOn({
    categories: ownCategories(40, 1),
    policyVersion: 'v'.repeat(65),
    language: 'en_GB',
    texts: { en_GB: { title: 'Cookies' }, 'de-CH-1996': { title: 'Cookies' } },
  });
  expect(errors).toEqual([
    '"categories" must be at most 32 categories, the built-in ones included; ignored',
    '"policyVersion" must be a non-empty string of at most 64 characters; ignored',
    '"language" must be "auto" or a language tag; ignored',
    '"texts.en_GB" must be an object of strings under a language tag; ignored',
  ]);
  expect(Object.keys(receipt.categories)).toEqual(['necessary', 'preferences', 'analytics', 'marketing', ...Array.from({ length: 28 }, (_, c) => `own-${c + 1}`)]);
  expect(receipt).toMatchObject({ language: 'en', policy: { version: '1' } });
  expect(sync).toEqual({ sent: 1, pending: 0 });
  expect(stored).toEqual([receipt.id]);
});
