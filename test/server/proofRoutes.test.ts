// The proof as a browser and an auditor meet it over HTTP: the key, archived
// notices, signed acknowledgements in the POST and access answers, the
// checkpoint log; on a real ledger with a real SQLite file.
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { canonicalJson } from '../../src/server/index';
import { makeReceipt, NOW, startTempLedger, type TempLedger } from './ledgerFixture';

let ledger: TempLedger;
beforeAll(async () => {
  ledger = await startTempLedger({ origins: ['https://www.example.com'] });
});
afterAll(() => ledger.close());

const notice = { v: 1, language: 'fr', policy: { version: '2018-05-24', url: '/privacy' }, texts: { banner: { title: 'Cookies', body: 'Nous utilisons des cookies.' } }, categories: ['necessary', 'analytics'] };
const postNotice = (body: string, headers: Record<string, string> = {}) =>
  fetch(ledger.at('/notices'), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

interface PublicKeyAnswer {
  algorithm: string;
  keyId: string;
  publicKey: string;
  publicKeyPem: string;
}
async function publicKey() {
  return (await (await fetch(ledger.at('/key'))).json()) as PublicKeyAnswer;
}
/** Checks an ack as an auditor would, with node:crypto and the served PEM alone. */
async function signedByLedger(ack: Record<string, unknown>) {
  const { signature, ...unsigned } = ack;
  const key = await publicKey();
  return unsigned.keyId === key.keyId && verify(null, Buffer.from(canonicalJson(unsigned)), createPublicKey(key.publicKeyPem), Buffer.from(String(signature), 'base64url'));
}

test('GET /key serves the Ed25519 public key; the private key sits beside the file, mode 0600, and survives restarts unchanged', async () => {
  const key = await publicKey();
  expect(key).toEqual({ algorithm: 'Ed25519', keyId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') });
  expect(statSync(ledger.db + '.key').mode & 0o777).toBe(0o600);
  const pem = readFileSync(ledger.db + '.key', 'utf8');
  expect(pem).toContain('BEGIN PRIVATE KEY');
  await ledger.restart();
  expect((await publicKey()).keyId).toBe(key.keyId);
  expect(readFileSync(ledger.db + '.key', 'utf8')).toBe(pem);
});

test('a notice is filed once under the hash the ledger computes, and served as canonical JSON for ever', async () => {
  // Key order and white space do not change the hash: it is over canonical JSON.
  const first = await postNotice(JSON.stringify(notice, null, 2));
  expect(first.status).toBe(201);
  const { hash } = (await first.json()) as { hash: string };
  expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  const again = await postNotice(JSON.stringify({ texts: notice.texts, v: 1, categories: notice.categories, policy: notice.policy, language: 'fr' }), { 'content-type': 'text/plain' });
  expect([again.status, await again.json()]).toEqual([200, { hash }]);

  const served = await fetch(ledger.at(`/notices/${hash}`));
  expect(served.status).toBe(200);
  expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(await served.text()).toBe(canonicalJson(notice));
  expect((await fetch(ledger.at(`/notices/${hash.replace(':', '%3A')}`))).status).toBe(200);
  expect((await fetch(ledger.at(`/notices/sha256:${'0'.repeat(64)}`))).status).toBe(404);
  expect((await fetch(ledger.at('/notices/0f1e2d3c4b5a6978'))).status).toBe(400);
});

test('bad notices are refused with the usual errors and nothing is filed', async () => {
  const cases: [string, Record<string, string>, number, string][] = [
    ['{"v":1,"language":"fr"', {}, 400, 'invalid_json'],
    ['[1,2]', {}, 422, 'invalid_notice'],
    ['{"v":2,"language":"fr"}', {}, 422, 'invalid_notice'],
    ['{"v":1}', {}, 422, 'invalid_notice'],
    ['{"v":1,"language":"not a language tag at all"}', {}, 422, 'invalid_notice'],
    [JSON.stringify({ v: 1, language: 'fr', text: 'x'.repeat(70_000) }), {}, 413, 'payload_too_large'],
    ['{"v":1,"language":"fr"}', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
    ['{"v":1,"language":"fr","__proto__":{}}', {}, 400, 'invalid_json'],
  ];
  for (const [body, headers, status, error] of cases) {
    const response = await postNotice(body, headers);
    expect({ body: body.slice(0, 40), status: response.status, error: (await response.json()).error }).toEqual({ body: body.slice(0, 40), status, error });
  }
  const foreign = await postNotice('{"v":1,"language":"fr"}', { origin: 'https://evil.example' });
  expect(foreign.status).toBe(403);
});

test('the POST answer acknowledges every stored and duplicate receipt with a signature the public key checks, and lists the notices the ledger lacks', async () => {
  const { hash } = (await (await postNotice(JSON.stringify(notice))).json()) as { hash: string };
  const unknown = `sha256:${'ab'.repeat(32)}`;
  const a = makeReceipt({ shownHash: hash });
  const b = makeReceipt({ subject: a.subject, previous: a.id, shownHash: unknown });
  const legacy = makeReceipt();
  const response = await ledger.post([a, b, legacy]);
  expect(response.status).toBe(201);
  const answer = (await response.json()) as { stored: string[]; acks: Record<string, unknown>[]; missingNotices: string[] };
  expect(answer.missingNotices).toEqual([unknown]);
  expect(answer.acks.map((ack) => ack.receipt)).toEqual([a.id, b.id, legacy.id]);
  expect(answer.acks[0]).toEqual({ v: 1, receipt: a.id, subject: a.subject, hash: expect.stringMatching(/^[0-9a-f]{64}$/), receivedAt: new Date(NOW).toISOString(), keyId: (await publicKey()).keyId, signature: expect.any(String) });
  for (const ack of answer.acks) expect(await signedByLedger(ack)).toBe(true);
  expect(await signedByLedger({ ...answer.acks[0], receivedAt: '2026-01-01T00:00:00.000Z' })).toBe(false);

  // A retry gets the very same acks (the rows stored the first time), and the access answer carries them too.
  const retry = (await (await ledger.post([a, b])).json()) as { stored: string[]; duplicates: string[]; acks: unknown[]; missingNotices: string[] };
  expect(retry).toMatchObject({ stored: [], duplicates: [a.id, b.id], acks: answer.acks.slice(0, 2), missingNotices: [unknown] });
  const access = (await (await fetch(ledger.at(`/subjects/${a.subject}`))).json()) as { receipts: { ack: unknown }[] };
  expect(access.receipts.map((r) => r.ack)).toEqual(answer.acks.slice(0, 2));
});

test('shownHash is a sha256: notice hash or a legacy 16-hex digest; anything else is refused', async () => {
  expect((await ledger.post([makeReceipt({ shownHash: `sha256:${'c'.repeat(64)}` })])).status).toBe(201);
  expect((await ledger.post([makeReceipt({ shownHash: '0123456789abcdef' })])).status).toBe(201);
  for (const shownHash of ['sha256:' + 'C'.repeat(64), 'sha256:' + 'c'.repeat(63), 'md5:0123', '0123456789ABCDEF', '']) {
    const response = await ledger.post([makeReceipt({ shownHash })]);
    expect({ shownHash, status: response.status, field: (await response.json()).details?.[0]?.field }).toEqual({ shownHash, status: 400, field: 'shownHash' });
  }
});

test('GET /checkpoints?since= serves the signed log after a sequence; a clean stop signs one covering every receipt', async () => {
  await ledger.post([makeReceipt()]);
  await ledger.restart();
  const all = (await (await fetch(ledger.at('/checkpoints?since=0'))).json()) as { key: PublicKeyAnswer; checkpoints: { sequence: number; receipts: { held: number }; signature: string }[]; more: boolean };
  expect(all.key).toEqual(await publicKey());
  expect(all.more).toBe(false);
  const sequences = all.checkpoints.map((cp) => cp.sequence);
  expect(sequences).toEqual(sequences.map((_, i) => i + 1));
  // The stop's checkpoint holds every receipt of this file's tests (3 + 2 + 1).
  const last = all.checkpoints.at(-1)!;
  expect(last.receipts.held).toBe(6);
  const since = (await (await fetch(ledger.at(`/checkpoints?since=${last.sequence - 1}`))).json()) as { checkpoints: unknown[] };
  expect(since.checkpoints).toEqual([last]);
  for (const bad of ['-1', 'abc', '1.5', '']) expect((await fetch(ledger.at(`/checkpoints?since=${bad}`))).status).toBe(400);
});
