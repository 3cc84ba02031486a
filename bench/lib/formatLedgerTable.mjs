// The ledger bench's rows as one markdown table: the store and the process
// count are columns like the connections and the batch.

const int = (/** @type {number} */ x) => Math.round(x).toLocaleString('en');
const ms = (/** @type {number} */ x) => (x < 100 ? x.toFixed(1) : int(x));

/**
 * @param {Array<{ store: string, processes: number, synchronous: string, connections: number, batch: number, requests: number,
 *   perSecond: number, p50: number, p99: number, max: number, errors: number, timeouts: number, errorKinds: Record<string, number>, load: number }>} rows
 */
export function formatLedgerTable(rows) {
  const lines = [
    '| store | processes | synchronous | connections | batch | requests | receipts/s | p50 ms | p99 ms | max ms | errors (timeouts) | load |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const kinds = Object.entries(r.errorKinds).map(([k, n]) => `${k}: ${n}`).join(', ');
    lines.push(
      `| ${r.store} | ${r.processes} | ${r.synchronous} | ${r.connections} | ${r.batch} | ${int(r.requests)} | ${int(r.perSecond)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.errors} (${r.timeouts})${kinds ? ` ${kinds}` : ''} | ${r.load.toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}
