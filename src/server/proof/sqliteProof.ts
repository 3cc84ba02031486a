import type Database from 'better-sqlite3';
import { GENESIS_HASH } from '../canonicalJson';
import { rowColumns } from '../sqliteSchema';
import type { ArchivedNotice, LedgerFlag, LedgerProof, LedgerRow, ProofReader } from '../types';
import { addRows, removeRows, signCheckpoint, stateAfter, unchanged, type Checkpoint, type CheckpointRow } from './checkpoint';
import type { LedgerKey } from './ledgerKey';

type StoredRow = Omit<LedgerRow, 'flags'> & { flags: string };
const toRow = (row: StoredRow): LedgerRow => ({ ...row, flags: row.flags ? (row.flags.split(',') as LedgerFlag[]) : [] });

/** The proof tables read through any connection (the live store, or verify's private copy). */
export function createSqliteProofReader(db: Database.Database, version = 3): ProofReader {
  const ROW = rowColumns(version);
  const hasProof = version >= 3;
  const q = hasProof
    ? {
        ledgerId: db.prepare<[], string>("SELECT value FROM ledger_meta WHERE name = 'ledger_id'").pluck(),
        notice: db.prepare<[string], string>('SELECT body FROM notices WHERE hash = ?').pluck(),
        notices: db.prepare<[], ArchivedNotice>('SELECT hash, body, received_at AS receivedAt FROM notices ORDER BY hash'),
        checkpoints: db.prepare<[number, number], string>('SELECT body FROM checkpoints WHERE sequence > ? ORDER BY sequence LIMIT ?').pluck(),
      }
    : null;
  const row = db.prepare<[string], StoredRow>(`SELECT ${ROW} FROM receipts WHERE id = ?`);
  const between = db.prepare<[string, string], StoredRow>(`SELECT ${ROW} FROM receipts WHERE received_at >= ? AND received_at < ? ORDER BY seq`);
  const betweenOf = db.prepare<[string, string, string], StoredRow>(`SELECT ${ROW} FROM receipts WHERE subject = ? AND received_at >= ? AND received_at < ? ORDER BY seq`);
  return {
    ledgerId: () => q?.ledgerId.get() ?? null,
    notice: (hash) => q?.notice.get(hash) ?? null,
    checkpoints: (since, limit = -1) => (q ? q.checkpoints.all(since, limit).map((body) => JSON.parse(body) as Checkpoint) : []),
    *notices() {
      if (q) yield* q.notices.iterate();
    },
    row(id) {
      const found = row.get(id);
      return found ? toRow(found) : null;
    },
    *receivedBetween(from, to, subject) {
      const rows = subject === null ? between.iterate(from, to) : betweenOf.iterate(subject, from, to);
      for (const found of rows) yield toRow(found);
    },
  };
}

export interface SqliteProof extends LedgerProof {
  /**
   * Inside the caller's erase transaction: carries the last checkpoint forward
   * over the rows received since, runs `erase` (which deletes the subject's rows
   * and appends its tombstone), removes those rows and signs. An erasure is
   * thus always covered by a checkpoint signed in the same commit.
   */
  checkpointErasure(subject: string, at: string, erase: () => void): Checkpoint;
}

/** Notices and checkpoints of a live SQLite ledger; every write runs inside the caller's or its own IMMEDIATE transaction. */
export function createSqliteProof(db: Database.Database, key: LedgerKey): SqliteProof {
  const reader = createSqliteProofReader(db);
  const q = {
    lastCheckpoint: db.prepare<[], string>('SELECT body FROM checkpoints ORDER BY sequence DESC LIMIT 1').pluck(),
    after: db.prepare<[number], CheckpointRow>('SELECT seq, hash FROM receipts WHERE seq > ?'),
    subjectRows: db.prepare<[string], CheckpointRow>('SELECT seq, hash FROM receipts WHERE subject = ?'),
    tombstones: db.prepare<[], { count: number; head: string | null }>('SELECT count(*) AS count, (SELECT hash FROM tombstones ORDER BY seq DESC LIMIT 1) AS head FROM tombstones'),
    insertCheckpoint: db.prepare('INSERT INTO checkpoints (sequence, body) VALUES (?, ?)'),
    insertNotice: db.prepare('INSERT OR IGNORE INTO notices (hash, body, received_at) VALUES (?, ?, ?)'),
    hasNotice: db.prepare<[string], 1>('SELECT 1 FROM notices WHERE hash = ?').pluck(),
  };
  const ledger = reader.ledgerId() as string;
  const last = () => {
    const body = q.lastCheckpoint.get();
    return body ? (JSON.parse(body) as Checkpoint) : null;
  };
  const tombstoneState = () => {
    const t = q.tombstones.get()!;
    return { count: t.count, head: t.head ?? GENESIS_HASH };
  };
  const write = (cp: Checkpoint) => {
    q.insertCheckpoint.run(cp.sequence, JSON.stringify(cp));
    return cp;
  };

  const checkpoint = db.transaction((at: string): Checkpoint | null => {
    const previous = last();
    const state = stateAfter(previous);
    addRows(state, q.after.iterate(state.lastSeq));
    const tombstones = tombstoneState();
    if (unchanged(previous, state, tombstones)) return null;
    return write(signCheckpoint(previous, state, tombstones, { ledger, at, key }));
  });

  return {
    ...reader,
    key,
    putNotice: (hash, canonical, receivedAt) => q.insertNotice.run(hash, canonical, receivedAt).changes === 1,
    missingNotices: (hashes) => hashes.filter((hash) => q.hasNotice.get(hash) === undefined),
    checkpoint: (at) => checkpoint.immediate(at),
    checkpointErasure(subject, at, erase) {
      const previous = last();
      const state = stateAfter(previous);
      addRows(state, q.after.all(state.lastSeq));
      const erased = q.subjectRows.all(subject);
      erase();
      removeRows(state, erased);
      return write(signCheckpoint(previous, state, tombstoneState(), { ledger, at, key }));
    },
  };
}
