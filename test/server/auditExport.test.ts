// What an auditor and a visitor run: `export` then `verify --export` offline
// with the public key alone, and `verify --ack` for a visitor's acknowledgement.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { chainHash, startLedgerServer } from '../../src/server/index';
import { makeReceipt, NOW } from './ledgerFixture';
import { binResult, killAll } from './ledgerProcess';

const dir = mkdtempSync(join(tmpdir(), 'consentkit-audit-'));
const db = join(dir, 'consent.db');
const publicKeyFile = join(dir, 'ledger-key.json');
const notice = { v: 1, language: 'en', texts: { banner: 'We use cookies.' } };
const visitor = makeReceipt();
const later = makeReceipt({ subject: visitor.subject, previous: visitor.id, action: 'withdraw' }, 1);
const erasedOne = makeReceipt();
const acks = new Map<string, unknown>();
afterAll(() => {
  killAll();
  rmSync(dir, { recursive: true, force: true });
});

const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(async () => {
  const server = await startLedgerServer({ db, port: 0, clock: () => NOW, rateLimit: false, synchronous: 'normal' });
  const { hash } = (await (await fetch(server.endpoint + '/notices', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(notice) })).json()) as { hash: string };
  const post = async (receipts: unknown[]) => {
    const answer = (await (await fetch(server.endpoint + '/receipts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receipts }) })).json()) as { acks: { receipt: string }[] };
    for (const ack of answer.acks) acks.set(ack.receipt, ack);
  };
  Object.assign(visitor, { shownHash: hash });
  Object.assign(later, { shownHash: hash });
  await post([visitor, makeReceipt(), erasedOne]);
  await post([later]);
  await fetch(`${server.endpoint}/subjects/${erasedOne.subject}`, { method: 'DELETE' });
  writeFileSync(publicKeyFile, await (await fetch(server.endpoint + '/key')).text());
  await server.close();
}, 30_000);

test('export writes receipts, acks, the notices they name and the covering checkpoint; verify --export checks it offline with the public key', async () => {
  const out = join(dir, 'audit.jsonl');
  const exported = await binResult(['export', '--db', db, '--from', '2026-11-29', '--to', '2026-11-29', '--subject', visitor.subject, '--out', out]);
  expect(exported).toMatchObject({ code: 0, output: expect.stringContaining('exported 2 receipts and 1 notices received from 2026-11-29T00:00:00.000Z to 2026-11-30T00:00:00.000Z') });
  const file = lines(out);
  expect(file.map((line) => line.type)).toEqual(['header', 'receipt', 'receipt', 'notice', 'checkpoint']);
  expect(file[1]).toMatchObject({ receipt: visitor, ack: acks.get(visitor.id) });
  expect(file[3]).toMatchObject({ notice });

  // The database is not needed: the file is verified elsewhere, with the key alone.
  expect(await binResult(['verify', '--export', out, '--key', publicKeyFile])).toMatchObject({ code: 0, output: expect.stringContaining('export OK: 2 receipts with valid acknowledgements, 1 notices, checkpoint') });
  const pem = JSON.parse(readFileSync(publicKeyFile, 'utf8')).publicKeyPem as string;
  writeFileSync(join(dir, 'key.pem'), pem);
  expect((await binResult(['verify', '--export', out, '--key', join(dir, 'key.pem')])).code).toBe(0);

  // Each edit an exporter could make is caught.
  const edits: [string, (entries: Record<string, unknown>[]) => void, RegExp][] = [
    ['a receipt', (e) => ((e[1]!.receipt as Record<string, unknown>).action = 'reject-all'), /line 2: receipt .*: its content does not match its chain hash/],
    ['a receipt and its hash', (e) => {
      const r = e[1]!;
      (r.receipt as Record<string, unknown>).action = 'reject-all';
      r.hash = chainHash(String(r.prevHash), { body: JSON.stringify(Object.fromEntries(Object.entries(r.receipt as object).sort())), receivedAt: String(r.receivedAt), flags: [] });
    }, /line 2: receipt .*(acknowledgement is for another row|content does not match)/],
    ['a notice', (e) => ((e[3]!.notice as Record<string, unknown>).texts = { banner: 'Other words.' }), /line 4: notice .*: its text does not match its hash/],
    ['the checkpoint', (e) => (((e[4]!.checkpoint as Record<string, unknown>).receipts as Record<string, unknown>).held = 99), /line 5: checkpoint: its signature is not valid/],
  ];
  for (const [what, edit, reason] of edits) {
    const entries = lines(out);
    edit(entries);
    const edited = join(dir, 'edited.jsonl');
    writeFileSync(edited, entries.map((entry) => JSON.stringify(entry)).join('\n') + '\n');
    const result = await binResult(['verify', '--export', edited, '--key', publicKeyFile]);
    expect({ what, code: result.code }).toEqual({ what, code: 1 });
    expect(result.output).toMatch(reason);
  }
  // Another key: refused.
  const other = await binResult(['verify', '--export', out, '--key', 'b0N9MjM2OjloX3qpY8UFGF2kcP2xnslESogNJnOvn_E']);
  expect(other).toMatchObject({ code: 1, output: expect.stringContaining('not the key given') });
  expect((await binResult(['verify', '--export', out])).code).toBe(2);
});

test("verify --ack: a visitor's acknowledgement holds while its receipt is there unchanged; after an erasure it points at the tombstone", async () => {
  const file = (name: string, value: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  };
  expect(await binResult(['verify', '--db', db, '--ack', file('ack.json', acks.get(visitor.id))])).toMatchObject({ code: 0, output: expect.stringContaining('is in the ledger unchanged') });
  expect(await binResult(['verify', '--db', db, '--ack', file('erased.json', acks.get(erasedOne.id))])).toMatchObject({ code: 0, output: expect.stringMatching(/its subject was erased on .* \(tombstone 1\)/) });
  const forged = { ...(acks.get(visitor.id) as object), receivedAt: '2020-01-01T00:00:00.000Z' };
  expect(await binResult(['verify', '--db', db, '--ack', file('forged.json', forged)])).toMatchObject({ code: 1, output: expect.stringContaining('ack INVALID: its signature is not valid') });

  // The operator deletes the row the visitor holds an ack for: the ack still proves the ledger took it.
  const copy = join(dir, 'copy.db');
  const conn = new Database(db);
  conn.exec(`VACUUM INTO '${copy}'`);
  conn.close();
  writeFileSync(copy + '.key', readFileSync(db + '.key'));
  const tampered = new Database(copy);
  tampered.prepare('DELETE FROM receipts WHERE id = ?').run(later.id);
  tampered.close();
  expect(await binResult(['verify', '--db', copy, '--ack', file('later.json', acks.get(later.id))])).toMatchObject({ code: 1, output: expect.stringContaining('no longer holds this receipt, and no tombstone') });
});
