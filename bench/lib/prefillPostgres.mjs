// A PostgreSQL ledger holding the same receipts as the cached SQLite file
// (bench/lib/prefillLedger.mjs): its rows are inserted as they are, with their
// seq and hashes, so every chain continues where it stopped. This is
// `consentkit-ledger copy` without its verification passes, which would take
// longer than the bench itself on a million receipts.
import Database from 'better-sqlite3';
import { createPostgresStore } from '../../dist/server.mjs';

const CHUNK = 5_000;
const COLUMNS = ['seq', 'id', 'subject', 'timestamp', 'received_at', 'body', 'flags', 'prev_hash', 'hash'];

/**
 * @param {{ template: string, url: string, log: (line: string) => void }} options
 *   `template` an SQLite ledger file; `url` an empty PostgreSQL database
 */
export async function prefillPostgres({ template, url, log }) {
  const started = Date.now();
  const store = await createPostgresStore(url);
  const s = store.schema;
  const file = new Database(template, { readonly: true });
  try {
    const rows = file.prepare(`SELECT ${COLUMNS.join(', ')} FROM receipts ORDER BY seq`).raw().iterate();
    let count = 0;
    for (let chunk = next(rows); chunk.length; chunk = next(rows)) {
      await store.pool.query(
        `INSERT INTO ${s}.receipts (${COLUMNS.join(', ')}) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])`,
        COLUMNS.map((_, col) => chunk.map((row) => row[col])),
      );
      count += chunk.length;
    }
    await store.pool.query(`SELECT setval(pg_get_serial_sequence('${s}.receipts', 'seq'), max(seq)) FROM ${s}.receipts HAVING count(*) > 0`);
    await store.pool.query(`VACUUM ANALYZE ${s}.receipts`);
    log(`  prefill: ${count} receipts copied to PostgreSQL in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    file.close();
    await store.close();
  }
}

/** @param {IterableIterator<unknown[]>} rows */
function next(rows) {
  const chunk = [];
  for (let i = 0; i < CHUNK; i++) {
    const r = rows.next();
    if (r.done) break;
    chunk.push(/** @type {unknown[]} */ (r.value));
  }
  return chunk;
}
