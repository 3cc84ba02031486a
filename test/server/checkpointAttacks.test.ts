// The six attacks of issue 15 on a copy of a real ledger file, plus DROP TABLE
// and a swapped file: `verify` alone says OK to most of them (a hash chain has no
// anchor outside the database); `verify --checkpoints FILE`, with the checkpoints
// exported before the attack, catches each one. Runs the published command.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { GENESIS_HASH, canonicalJson, chainHash, startLedgerServer } from '../../src/server/index';
import { makeReceipt, NOW } from './ledgerFixture';
import { binResult, killAll } from './ledgerProcess';

const dir = mkdtempSync(join(tmpdir(), 'consentkit-attacks-'));
const original = join(dir, 'ledger', 'consent.db');
const archive = join(dir, 'archive.jsonl');
const subjects = { truncated: makeReceipt().subject, deleted: makeReceipt().subject, forgedInto: makeReceipt().subject, erased: [makeReceipt().subject, makeReceipt().subject] };
afterAll(() => {
  killAll();
  rmSync(dir, { recursive: true, force: true });
});


/** A ledger in service: receipts of five subjects through HTTP, two erasures, a clean stop (its last checkpoint); then the checkpoints archived outside. */
beforeAll(async () => {
  const server = await startLedgerServer({ db: original, port: 0, clock: () => NOW, rateLimit: false, synchronous: 'normal' });
  const post = (receipts: unknown[]) => fetch(server.endpoint + '/receipts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receipts }) });
  for (const subject of [subjects.truncated, subjects.deleted, subjects.forgedInto, ...subjects.erased]) {
    const first = makeReceipt({ subject, action: 'reject-all', categories: { necessary: true, preferences: false, analytics: false, marketing: false } }, 30);
    const second = makeReceipt({ subject, previous: first.id, action: 'save' }, 20);
    await post([first, second, makeReceipt({ subject, previous: second.id }, 10)]);
  }
  for (const subject of subjects.erased) await fetch(`${server.endpoint}/subjects/${subject}`, { method: 'DELETE' });
  await server.close();
  expect(await binResult(['checkpoints', '--db', original, '--out', archive])).toMatchObject({ code: 0, output: expect.stringMatching(/checkpoints: \d+ appended/) });
}, 30_000);

/** A copy of the ledger (and its key) an attacker then edits with plain SQL. */
function attackedCopy(name: string, attack: (db: Database.Database) => void): string {
  const copy = join(dir, name, 'consent.db');
  rmSync(join(dir, name), { recursive: true, force: true });
  mkdirSync(join(dir, name));
  copyFileSync(original, copy);
  copyFileSync(original + '.key', copy + '.key');
  const db = new Database(copy);
  db.exec('DROP TRIGGER IF EXISTS receipts_append_only; DROP TRIGGER IF EXISTS tombstones_kept');
  attack(db);
  db.close();
  return copy;
}

interface Row {
  seq: number;
  id: string;
  subject: string;
  body: string;
  received_at: string;
  flags: string;
  prev_hash: string;
  hash: string;
}
const chainOf = (db: Database.Database, subject: string) => db.prepare<[string], Row>('SELECT * FROM receipts WHERE subject = ? ORDER BY seq').all(subject);
const rehash = (prevHash: string, body: string, receivedAt: string) => chainHash(prevHash, { body, receivedAt, flags: [] });

/** Edits rows from `from` on and recomputes every hash after them, as an attacker covering their tracks would. */
function rewrite(db: Database.Database, rows: Row[], edit: (body: string) => string) {
  let prev = rows[0]!.prev_hash;
  for (const row of rows) {
    const body = edit(row.body);
    const hash = rehash(prev, body, row.received_at);
    db.prepare('UPDATE receipts SET body = ?, hash = ?, prev_hash = ? WHERE seq = ?').run(body, hash, prev, row.seq);
    prev = hash;
  }
}
const grantMarketing = (body: string) => body.replace('"marketing":false', '"marketing":true');

async function expectCaught(copy: string, reason: RegExp) {
  const alone = await binResult(['verify', '--db', copy]);
  const anchored = await binResult(['verify', '--db', copy, '--checkpoints', archive]);
  expect(anchored.output).toMatch(reason);
  expect(anchored.code).toBe(1);
  return alone;
}

test('the untouched copy verifies against its archived checkpoints', async () => {
  const copy = attackedCopy('untouched', () => {});
  const result = await binResult(['verify', '--db', copy, '--checkpoints', archive]);
  expect(result).toMatchObject({ code: 0, output: expect.stringContaining('checkpoints OK: the ledger holds what checkpoint') });
  expect(result.output).toContain('9 receipts up to row 15, 2 tombstones');
});

test("truncating a subject's last receipts", async () => {
  const copy = attackedCopy('truncated', (db) => {
    const rows = chainOf(db, subjects.truncated);
    db.prepare('DELETE FROM receipts WHERE seq >= ?').run(rows[1]!.seq);
  });
  const alone = await expectCaught(copy, /holds 9 receipts up to row 15; the database has \d+: receipts removed outside the ledger/);
  expect(alone).toMatchObject({ code: 0, output: expect.stringContaining('ledger OK') });
});

test("deleting all of a subject's rows", async () => {
  const copy = attackedCopy('deleted', (db) => db.prepare('DELETE FROM receipts WHERE subject = ?').run(subjects.deleted));
  const alone = await expectCaught(copy, /the database has 6: receipts removed outside the ledger/);
  expect(alone.code).toBe(0);
});

test('editing the last row and recomputing its hash', async () => {
  const copy = attackedCopy('edited', (db) => {
    const rows = chainOf(db, subjects.truncated);
    rewrite(db, rows.slice(-1), (body) => body.replace('"action":"accept-all"', '"action":"reject-all"'));
  });
  const alone = await expectCaught(copy, /are not the ones checkpoint \d+ .* signed: rows edited or replaced, hashes recomputed/);
  expect(alone.code).toBe(0);
});

test('appending a forged row with a valid hash, back-dated', async () => {
  const copy = attackedCopy('forged', (db) => {
    const head = chainOf(db, subjects.forgedInto).at(-1)!;
    const forged = makeReceipt({ subject: subjects.forgedInto, previous: head.id, action: 'accept-all' }, 90);
    const body = canonicalJson(forged);
    const receivedAt = new Date(NOW - 3_600_000).toISOString();
    db.prepare('INSERT INTO receipts (id, subject, timestamp, received_at, body, flags, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      forged.id, forged.subject, forged.timestamp, receivedAt, body, '', head.hash, rehash(head.hash, body, receivedAt),
    );
  });
  const alone = await expectCaught(copy, /receipts row 16 says it was received at .*, before checkpoint \d+ .* yet the checkpoint does not hold it: added afterwards/);
  expect(alone).toMatchObject({ code: 0, output: expect.stringContaining('ledger OK: 10 receipts') });
});

test('rewriting a whole chain consistently', async () => {
  const copy = attackedCopy('rewritten', (db) => {
    const rows = chainOf(db, subjects.deleted);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    rewrite(db, rows, grantMarketing);
  });
  const alone = await expectCaught(copy, /rows edited or replaced, hashes recomputed/);
  expect(alone.code).toBe(0);
});

test('deleting the last tombstone', async () => {
  const copy = attackedCopy('tombstone', (db) => db.exec('DELETE FROM tombstones WHERE seq = (SELECT max(seq) FROM tombstones)'));
  const alone = await expectCaught(copy, /holds 2 tombstones; the database has 1: tombstones removed/);
  expect(alone).toMatchObject({ code: 0, output: expect.stringContaining('1 tombstones') });
});

test('DROP TABLE: cannot verify (2); a dropped table recreated empty: tampered (1)', async () => {
  const dropped = attackedCopy('dropped', (db) => db.exec('DROP TABLE receipts'));
  expect(await binResult(['verify', '--db', dropped, '--checkpoints', archive])).toMatchObject({ code: 2, output: expect.stringContaining('CANNOT VERIFY: the receipts table is missing') });
  const recreated = attackedCopy('recreated', (db) => {
    const sql = db.prepare<[], string>("SELECT sql FROM sqlite_schema WHERE name = 'receipts'").pluck().get()!;
    db.exec(`DROP TABLE receipts; ${sql}`);
  });
  expect(await binResult(['verify', '--db', recreated])).toMatchObject({ code: 0, output: expect.stringContaining('ledger OK: 0 receipts') });
  expect(await binResult(['verify', '--db', recreated, '--checkpoints', archive])).toMatchObject({ code: 1, output: expect.stringContaining('the database has 0: receipts removed') });
});

test('a swapped database file: another ledger, or an older copy of this one', async () => {
  const other = join(dir, 'other', 'consent.db');
  const server = await startLedgerServer({ db: other, port: 0, clock: () => NOW, rateLimit: false, synchronous: 'normal' });
  await fetch(server.endpoint + '/receipts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receipts: [makeReceipt()] }) });
  await server.close();
  expect(await binResult(['verify', '--db', other])).toMatchObject({ code: 0 });
  expect(await binResult(['verify', '--db', other, '--checkpoints', archive])).toMatchObject({ code: 1, output: expect.stringMatching(/this database is ledger \S+, not ledger \S+ the checkpoints were signed for: a swapped or rebuilt database/) });

  // An older copy: the checkpoint log and the rows stop before the archive's end.
  const older = attackedCopy('older', (db) => {
    const last = db.prepare<[], number>('SELECT max(sequence) FROM checkpoints').pluck().get()!;
    db.exec(`DROP TRIGGER checkpoints_kept; DELETE FROM checkpoints WHERE sequence = ${last}`);
  });
  expect(await binResult(['verify', '--db', older, '--checkpoints', archive])).toMatchObject({ code: 1, output: expect.stringMatching(/archived checkpoint \d+ is missing from the database's checkpoint log/) });
});
