import { expect, test } from 'vitest';
import {
  GENESIS_HASH,
  ackFor,
  ackProblem,
  chainHash,
  checkpointHash,
  checkpointProblem,
  noticeHash,
  subjectHash,
  verifyLedger,
  verifyWithCheckpoints,
  type LedgerEntry,
  type LedgerProof,
  type LedgerRow,
  type LedgerStore,
} from '../../src/server/index';
import { validateReceipt } from '../../src/server/validateReceipt';
import { makeReceipt, NOW } from './ledgerFixture';

/** A fresh, empty store and how to dispose of it. */
export type StoreFactory = () => Promise<{ store: LedgerStore; dispose(): Promise<void> }>;

const at = (ms: number) => new Date(NOW + ms).toISOString();

/** Validated entries, as the POST route hands them to a store (skew judged against NOW). */
function entries(...receipts: ReturnType<typeof makeReceipt>[]): LedgerEntry[] {
  return receipts.map((receipt) => {
    const result = validateReceipt(receipt, { now: NOW, maxSkewMs: 600_000, maxLagMs: 86_400_000 });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.entry;
  });
}

async function collect<T>(rows: Iterable<T> | AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

async function withStore(factory: StoreFactory, run: (store: LedgerStore) => Promise<void>): Promise<void> {
  const { store, dispose } = await factory();
  try {
    await run(store);
  } finally {
    await dispose();
  }
}

/**
 * What every LedgerStore must do, whatever database is behind it: the same
 * file runs against SQLite here and against any other store given a factory.
 */
export function ledgerStoreContract(name: string, factory: StoreFactory): void {
  test(`${name}: append chains new receipts per subject, skips duplicates, and flags a broken previous`, () =>
    withStore(factory, async (store) => {
      const first = makeReceipt();
      const second = makeReceipt({ subject: first.subject, previous: first.id });
      const stray = makeReceipt({ subject: first.subject, previous: first.id, timestamp: at(3_600_000) });
      expect(await store.append(entries(first, second), { receivedAt: at(0) })).toMatchObject({ status: 'stored', stored: [first.id, second.id], duplicates: [] });
      const again = await store.append(entries(second, stray, stray), { receivedAt: at(1000) });
      expect(again).toMatchObject({ status: 'stored', stored: [stray.id], duplicates: [second.id, stray.id] });

      const page = await store.read(first.subject, { after: null, limit: 10 });
      expect(page.rows.map((row) => [row.id, row.flags])).toEqual([
        [first.id, []],
        [second.id, []],
        [stray.id, ['clock-skew', 'previous-mismatch']],
      ]);
      const [a, b, c] = page.rows as [LedgerRow, LedgerRow, LedgerRow];
      expect(a.prevHash).toBe(GENESIS_HASH);
      expect(b.prevHash).toBe(a.hash);
      expect(c).toMatchObject({ prevHash: b.hash, receivedAt: at(1000), timestamp: stray.timestamp, subject: first.subject });
      expect(c.hash).toBe(chainHash(b.hash, { body: c.body, receivedAt: c.receivedAt, flags: c.flags }));
      // What acknowledgements are signed from: stored ids, then duplicates with the row stored earlier.
      const acked = (row: LedgerRow) => ({ id: row.id, subject: row.subject, hash: row.hash, receivedAt: row.receivedAt });
      expect(again.status === 'stored' && again.rows).toEqual([acked(c), acked(b), acked(c)]);
      expect(JSON.parse(c.body)).toEqual(stray);
      expect(await verifyLedger(store)).toMatchObject({ ok: true, status: 'intact', receipts: 3, subjects: 1, flagged: { 'clock-skew': 1, 'previous-mismatch': 1 } });
    }));

  test(`${name}: read pages by seq, tells whether more follow, and always gives the subject's latest row`, () =>
    withStore(factory, async (store) => {
      const subject = makeReceipt().subject;
      const receipts = Array.from({ length: 7 }, () => makeReceipt({ subject }));
      for (const receipt of receipts) await store.append(entries(receipt), { receivedAt: at(0) });
      await store.append(entries(makeReceipt()), { receivedAt: at(0) });

      const first = await store.read(subject, { after: null, limit: 3 });
      expect(first.rows.map((row) => row.id)).toEqual(receipts.slice(0, 3).map((r) => r.id));
      expect(first.more).toBe(true);
      expect(first.latest?.id).toBe(receipts[6]!.id);
      const last = await store.read(subject, { after: (await store.read(subject, { after: first.rows[2]!.seq, limit: 3 })).rows[2]!.seq, limit: 3 });
      expect(last.rows.map((row) => row.id)).toEqual([receipts[6]!.id]);
      expect(last.more).toBe(false);
      expect(await store.read(makeReceipt().subject, { after: null, limit: 3 })).toEqual({ rows: [], latest: null, more: false });
    }));

  test(`${name}: a subject over its limit stores nothing of the batch and says when to retry; stored ids do not count`, () =>
    withStore(factory, async (store) => {
      const limit = { limit: 3, windowMs: 60_000 };
      const subject = makeReceipt().subject;
      const early = entries(makeReceipt({ subject }), makeReceipt({ subject }));
      expect(await store.append(early, { receivedAt: at(0), subjectLimit: limit })).toMatchObject({ status: 'stored' });
      const later = entries(makeReceipt({ subject }));
      expect(await store.append(later, { receivedAt: at(10_000), subjectLimit: limit })).toMatchObject({ status: 'stored' });
      const bystander = entries(makeReceipt());
      expect(await store.append([...bystander, ...entries(makeReceipt({ subject }))], { receivedAt: at(20_000), subjectLimit: limit })).toEqual({ status: 'limited', retryAfterMs: 40_000 });
      expect((await store.read(bystander[0]!.subject, { after: null, limit: 1 })).latest).toBeNull();
      expect(await store.append(later, { receivedAt: at(20_000), subjectLimit: limit })).toMatchObject({ status: 'stored', stored: [], duplicates: [later[0]!.id] });
      expect(await store.append(entries(makeReceipt({ subject })), { receivedAt: at(60_001), subjectLimit: limit })).toMatchObject({ status: 'stored' });
    }));

  test(`${name}: erase leaves a chained tombstone, repeats it, and refuses the whole of any later batch for that subject`, () =>
    withStore(factory, async (store) => {
      const mine = makeReceipt();
      const other = makeReceipt();
      await store.append(entries(mine, makeReceipt({ subject: mine.subject, previous: mine.id }), other), { receivedAt: at(0) });
      expect(await store.erase(makeReceipt().subject, at(5000))).toBeNull();

      const erased = await store.erase(mine.subject, at(5000));
      expect(erased).toMatchObject({
        already: false,
        purged: expect.any(Boolean),
        tombstone: { subjectHash: subjectHash(mine.subject), receipts: 2, firstReceivedAt: at(0), lastReceivedAt: at(0), erasedAt: at(5000), prevHash: GENESIS_HASH },
      });
      expect(await store.erase(mine.subject, at(9000))).toMatchObject({ already: true, tombstone: erased!.tombstone });
      expect((await store.read(mine.subject, { after: null, limit: 10 })).latest).toBeNull();

      const late = entries(makeReceipt({ subject: mine.subject }), makeReceipt());
      expect(await store.append(late, { receivedAt: at(10_000) })).toEqual({ status: 'erased', erased: [late[0]!.id] });
      expect((await store.read(late[1]!.subject, { after: null, limit: 10 })).latest).toBeNull();

      const rows = await collect(store.rows());
      expect(rows.map((row) => row.id)).toEqual([other.id]);
      expect(await collect(store.tombstones())).toEqual([erased!.tombstone]);
      expect(await verifyLedger(store)).toMatchObject({ status: 'intact', receipts: 1, tombstones: 1 });
    }));

  test(`${name}: rows come grouped by subject and in seq order within each, for verify`, () =>
    withStore(factory, async (store) => {
      const [a, b] = [makeReceipt().subject, makeReceipt().subject];
      for (let i = 0; i < 3; i++) await store.append(entries(makeReceipt({ subject: a }), makeReceipt({ subject: b })), { receivedAt: at(i) });
      const rows = await collect(store.rows());
      const subjects = rows.map((row) => row.subject);
      expect(new Set(subjects).size).toBe(2);
      expect(subjects.slice(0, 3).every((s) => s === subjects[0]) && subjects.slice(3).every((s) => s === subjects[3])).toBe(true);
      for (const group of [rows.slice(0, 3), rows.slice(3)]) expect(group.map((row) => row.seq)).toEqual([...group.map((row) => row.seq)].sort((x, y) => x - y));
    }));

  test(`${name}: notices are filed once under the hash of their canonical JSON; missingNotices names the others`, () =>
    withStore(factory, async (store) => {
      const proof = needProof(store);
      const canonical = '{"language":"fr","texts":{"banner":"Nous utilisons des cookies"},"v":1}';
      const hash = noticeHash(canonical);
      const other = noticeHash('{"language":"en","v":1}');
      expect(await proof.putNotice(hash, canonical, at(0))).toBe(true);
      expect(await proof.putNotice(hash, canonical, at(1000))).toBe(false);
      expect(await proof.notice(hash)).toBe(canonical);
      expect(await proof.notice(other)).toBeNull();
      expect(await proof.missingNotices([hash, other])).toEqual([other]);
      expect(await proof.missingNotices([])).toEqual([]);
    }));

  test(`${name}: acknowledgements are signed from the stored row, and the same bytes come back for a duplicate`, () =>
    withStore(factory, async (store) => {
      const proof = needProof(store);
      const receipt = makeReceipt();
      const first = await store.append(entries(receipt), { receivedAt: at(0) });
      const again = await store.append(entries(receipt), { receivedAt: at(5000) });
      if (first.status !== 'stored' || again.status !== 'stored') throw new Error('not stored');
      const [row] = (await store.read(receipt.subject, { after: null, limit: 1 })).rows as [LedgerRow];
      const ack = ackFor(first.rows![0]!, proof.key);
      expect(ack).toMatchObject({ v: 1, receipt: receipt.id, subject: receipt.subject, hash: row.hash, receivedAt: at(0), keyId: proof.key.keyId });
      expect(ackFor(again.rows![0]!, proof.key)).toEqual(ack);
      expect(ackProblem(ack, proof.key.publicKey, proof.key.keyId)).toBeNull();
      expect(ackProblem({ ...ack, receivedAt: at(1) }, proof.key.publicKey, proof.key.keyId)).toBe('its signature is not valid');
    }));

  test(`${name}: checkpoints commit to everything received, incrementally, and an erasure signs one in its own commit`, () =>
    withStore(factory, async (store) => {
      const proof = needProof(store);
      const [a, b] = [makeReceipt(), makeReceipt()];
      await store.append(entries(a, b, makeReceipt({ subject: a.subject, previous: a.id })), { receivedAt: at(0) });
      const first = await proof.checkpoint(at(1000));
      expect(first).toMatchObject({ v: 1, sequence: 1, previous: GENESIS_HASH, receipts: { lastSeq: expect.any(Number), held: 3, received: 3 }, tombstones: { count: 0, head: GENESIS_HASH } });
      // Nothing new: no checkpoint.
      expect(await proof.checkpoint(at(2000))).toBeNull();

      await store.append(entries(makeReceipt({ subject: b.subject, previous: b.id })), { receivedAt: at(3000) });
      const erased = await store.erase(a.subject, at(4000));
      const log = await proof.checkpoints(0);
      expect(log.map((cp) => cp.sequence)).toEqual([1, 2]);
      const [, afterErasure] = log as [typeof first, NonNullable<typeof first>];
      expect(afterErasure).toMatchObject({ at: at(4000), previous: checkpointHash(first!), receipts: { held: 2, received: 4 }, tombstones: { count: 1, head: erased!.tombstone.hash } });
      expect(checkpointProblem(afterErasure, proof.key.publicKey, proof.key.keyId)).toBeNull();
      expect(await proof.checkpoints(1, 1)).toEqual([afterErasure]);

      // The rows left, with the tombstone, are exactly what the newest checkpoint signed.
      const verified = await verifyWithCheckpoints({ ...store, rows: () => store.rows(), tombstones: () => store.tombstones(), proof }, {
        keyId: proof.key.keyId,
        publicKey: proof.key.publicKey,
        checkpoints: [first],
      });
      expect(verified.ledger.status).toBe('intact');
      expect(verified.checkpoints).toMatchObject({ status: 'intact', reference: { sequence: 2 }, archived: 1, newer: 1, uncovered: 0 });
      expect(await proof.ledgerId()).toBe(first!.ledger);
    }));
}

function needProof(store: LedgerStore): LedgerProof {
  if (!store.proof) throw new Error('this contract needs a store opened with a key');
  return store.proof;
}
