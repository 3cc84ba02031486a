import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { subjectHash } from '../../src/server/index';
import { makeReceipt, NOW, startTempLedger, type TempLedger } from './ledgerFixture';

let ledger: TempLedger;
beforeAll(async () => {
  ledger = await startTempLedger();
});
afterAll(() => ledger?.close());

/** Every byte SQLite keeps for this ledger: the database, its WAL and shared-memory files. */
const rawFiles = () =>
  readdirSync(ledger.dir)
    .filter((name) => name.startsWith('consent.db'))
    .map((name) => readFileSync(join(ledger.dir, name)).toString('latin1'))
    .join('\n');

test('DELETE erases the subject, leaves a tombstone with nothing personal, and spares other subjects', async () => {
  const subject = makeReceipt().subject;
  const first = makeReceipt({ subject }, 20);
  const second = makeReceipt({ subject, action: 'withdraw', previous: first.id }, 2);
  const other = makeReceipt();
  await ledger.post([first, other]);
  await ledger.post([second]);
  expect(rawFiles()).toContain(subject);

  const response = await fetch(ledger.at(`/subjects/${subject}`), { method: 'DELETE' });
  expect(response.status).toBe(200);
  const received = new Date(NOW).toISOString();
  expect(await response.json()).toEqual({
    erased: true,
    already: false,
    tombstone: { subjectHash: subjectHash(subject), receipts: 2, firstReceivedAt: received, lastReceivedAt: received, erasedAt: received, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
  });

  // Not in any row, nor in freed pages or the write-ahead log.
  const files = rawFiles();
  for (const personal of [subject, first.id, second.id]) expect(files).not.toContain(personal);
  const conn = new Database(ledger.db, { readonly: true });
  const tombstones = conn.prepare('SELECT * FROM tombstones').all();
  const remaining = conn.prepare('SELECT id FROM receipts').pluck().all();
  conn.close();
  expect(tombstones).toEqual([expect.objectContaining({ subject_hash: subjectHash(subject), receipts: 2, erased_at: received })]);
  expect(remaining).toEqual([other.id]);

  expect((await fetch(ledger.at(`/subjects/${subject}`))).status).toBe(404);
  expect((await fetch(ledger.at(`/subjects/${other.subject}`))).status).toBe(200);
});

test('erasing again answers with the same tombstone; a late retry of an erased receipt is not stored again', async () => {
  const receipt = makeReceipt();
  await ledger.post([receipt]);
  const erase = () => fetch(ledger.at(`/subjects/${receipt.subject}`), { method: 'DELETE' }).then((r) => r.json());
  const once = await erase();
  const twice = await erase();
  expect(twice).toEqual({ ...once, already: true });

  const retry = await ledger.post([receipt, makeReceipt({ subject: receipt.subject })]);
  expect(retry.status).toBe(200);
  expect((await retry.json()).stored).toEqual([]);
  expect((await fetch(ledger.at(`/subjects/${receipt.subject}`))).status).toBe(404);
  expect(rawFiles()).not.toContain(receipt.subject);
});

test('DELETE of a subject never seen is a 404', async () => {
  const response = await fetch(ledger.at(`/subjects/${makeReceipt().subject}`), { method: 'DELETE' });
  expect(response.status).toBe(404);
  expect(await response.json()).toEqual({ error: 'not_found', message: 'No records for this subject.' });
});
