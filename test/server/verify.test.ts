import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { GENESIS_HASH, createSqliteStore, verifyLedger, type SqliteStore } from '../../src/server/index';
import { validateReceipt } from '../../src/server/validateReceipt';
import { makeReceipt, NOW } from './ledgerFixture';

let store: SqliteStore;
let dir: string;
afterEach(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

function openStore() {
  dir = mkdtempSync(join(tmpdir(), 'consentkit-verify-'));
  store = createSqliteStore(join(dir, 'consent.db'), { synchronous: 'normal' });
  return store;
}

function append(...receipts: ReturnType<typeof makeReceipt>[]) {
  const entries = receipts.map((r) => {
    const result = validateReceipt(r, { now: NOW, maxSkewMs: 0, maxLagMs: 86_400_000 });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.entry;
  });
  return store.append(entries, { receivedAt: new Date(NOW).toISOString() });
}

/** A ledger with two subjects, three receipts each, interleaved. */
function seed() {
  const [a, b] = [makeReceipt().subject, makeReceipt().subject];
  const rows = [1, 2, 3].flatMap((n) => [makeReceipt({ subject: a }, 10 - n), makeReceipt({ subject: b }, 10 - n)]);
  for (const row of rows) append(row);
  return rows;
}

const seqOf = (id: string) => store.db.prepare('SELECT seq FROM receipts WHERE id = ?').pluck().get(id);

test('an untouched ledger verifies, each subject chained from the genesis hash', async () => {
  openStore();
  const rows = seed();
  expect(await verifyLedger(store)).toEqual({ ok: true, receipts: 6, subjects: 2, tombstones: 0 });
  const first = store.read(rows[0]!.subject, { after: null, limit: 500 }).rows[0]!;
  expect(first.prevHash).toBe(GENESIS_HASH);
  expect(store.read(rows[0]!.subject, { after: null, limit: 500 }).rows[1]!.prevHash).toBe(first.hash);
});

test('the database refuses UPDATEs; editing a row around that makes verify fail at that row', async () => {
  openStore();
  const rows = seed();
  const target = rows[3]!; // second receipt of subject b
  const edit = () => store.db.prepare(`UPDATE receipts SET body = replace(body, '"marketing":true', '"marketing":false') WHERE id = ?`).run(target.id);
  expect(edit).toThrow(/append-only/);
  store.db.exec('DROP TRIGGER receipts_append_only');
  edit();
  expect(await verifyLedger(store)).toEqual({
    ok: false,
    receipts: 6,
    subjects: 2,
    tombstones: 0,
    broken: { table: 'receipts', seq: seqOf(target.id), id: target.id, reason: 'content does not match its hash' },
  });
});

test('deleting a row from the middle of a chain breaks the link after it', async () => {
  openStore();
  const rows = seed();
  store.db.prepare('DELETE FROM receipts WHERE id = ?').run(rows[2]!.id);
  const result = await verifyLedger(store);
  expect(result.ok).toBe(false);
  expect(!result.ok && result.broken).toEqual({ table: 'receipts', seq: seqOf(rows[4]!.id), id: rows[4]!.id, reason: "does not follow its subject's previous receipt" });
});

test('tombstones are chained too: altering one is reported', async () => {
  openStore();
  const rows = seed();
  store.erase(rows[0]!.subject, new Date(NOW).toISOString());
  store.erase(rows[1]!.subject, new Date(NOW).toISOString());
  expect(await verifyLedger(store)).toEqual({ ok: true, receipts: 0, subjects: 0, tombstones: 2 });
  store.db.exec('DROP TRIGGER tombstones_append_only');
  store.db.prepare('UPDATE tombstones SET receipts = 1 WHERE seq = 1').run();
  const result = await verifyLedger(store);
  expect(!result.ok && result.broken).toEqual({ table: 'tombstones', seq: 1, reason: 'content does not match its hash' });
});
