import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeReceipt, startTempLedger, type TempLedger } from './ledgerFixture';

let ledger: TempLedger;
beforeAll(async () => {
  ledger = await startTempLedger();
});
afterAll(() => ledger?.close());

const SERVICES = { youtube: true, 'ad-pixel': false, 'google-2': true };

test('a receipt with a choice per service is stored with them, and given back as posted', async () => {
  const receipt = makeReceipt({ action: 'save', source: 'preferences', categories: { necessary: true, preferences: false, analytics: false, marketing: false }, services: SERVICES });
  const response = await ledger.post([receipt]);
  expect(response.status).toBe(201);
  const body = await (await fetch(ledger.at(`/subjects/${receipt.subject}`))).json();
  // Given back as posted, with the ledger's signed acknowledgement beside it.
  expect(body.receipts).toEqual([{ ...receipt, ack: expect.objectContaining({ receipt: receipt.id, subject: receipt.subject }) }]);
  expect(body.receipts[0].services).toEqual(SERVICES);
  // The current decision names them too.
  expect(body.decision).toMatchObject({ categories: receipt.categories, services: SERVICES, receipt: receipt.id });
});

test('a receipt from an SDK without services is still accepted', async () => {
  const receipt = makeReceipt();
  expect('services' in receipt).toBe(false);
  expect((await ledger.post([receipt])).status).toBe(201);
});

const bad: Array<[string, unknown, Array<{ field: string; message: string }>]> = [
  ['a list', ['youtube'], [{ field: 'services', message: 'must be an object of service id → boolean' }]],
  ['null', null, [{ field: 'services', message: 'must be an object of service id → boolean' }]],
  ['a string flag', { youtube: 'yes' }, [{ field: 'services.youtube', message: 'must be a boolean' }]],
  ['markup as an id', { '<img src=x onerror=alert(1)>': true }, [{ field: 'services.<img src=x onerror=alert(1)>', message: 'is not a valid service id' }]],
  ['an id too long', { ['a'.repeat(41)]: true }, [{ field: `services.${'a'.repeat(40)}`, message: 'is not a valid service id' }]],
  ['too many services', Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`s${i}`, true])), [{ field: 'services', message: 'must have at most 64 services' }]],
];

for (const [what, services, errors] of bad) {
  test(`services as ${what}: the batch is refused with the field named, and nothing is stored`, async () => {
    const good = makeReceipt();
    const response = await ledger.post([good, { ...makeReceipt(), services }]);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_receipt',
      message: 'Some receipts are invalid; nothing was stored.',
      details: errors.map((error) => ({ index: 1, ...error })),
    });
    // Not even the valid receipt of the batch: its subject is unknown to the ledger.
    expect((await fetch(ledger.at(`/subjects/${good.subject}`))).status).toBe(404);
  });
}
