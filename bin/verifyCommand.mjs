// consentkit-ledger verify: the ledger's own chains, on a private copy or in read-only transactions.
// Exit codes: 0 intact (flagged receipts are warnings), 1 tampered, 2 cannot verify (as for bad arguments).
import { verifyLedger } from '../dist/server.mjs';

/** @param {ReturnType<import('./ledgerDatabase.mjs').commandContext>} context */
export async function runVerify({ db, shown, openForReading }) {
  const store = await openForReading();
  const result = await verifyLedger(store);
  await store.close();
  const counts = `${result.receipts} receipts, ${result.subjects} subjects, ${result.tombstones} tombstones`;
  if (result.status === 'intact') console.log(`ledger OK: ${counts} (${shown(db)})`);
  else if (result.status === 'tampered') {
    const { table, seq, id, reason } = result.broken;
    console.log(`ledger BROKEN at ${table} row ${seq}${id ? ` (receipt ${id})` : ''}: ${reason}. ${counts} (${shown(db)})`);
  } else console.log(`ledger CANNOT VERIFY: ${result.problem} (${shown(db)})`);
  const flagged = Object.entries(result.flagged).filter(([, n]) => n > 0);
  if (flagged.length && result.status !== 'unverifiable') {
    console.log(`warning: flagged receipts (stored, but worth a look): ${flagged.map(([flag, n]) => `${n} ${flag}`).join(', ')}`);
    for (const row of result.flaggedRows.slice(0, 20)) console.log(`  receipts row ${row.seq} (receipt ${row.id}): ${row.flags.join(', ')}`);
    if (result.flaggedRows.length > 20) console.log('  …');
  }
  process.exit({ intact: 0, tampered: 1, unverifiable: 2 }[result.status]);
}
