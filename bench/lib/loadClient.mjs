// A closed-loop HTTP load: N keep-alive connections, spread over the ledgers'
// endpoints as a load balancer would, each posting a fresh batch of receipts as
// soon as the previous answer arrives, for `seconds` (requests in flight then
// finish). Latency is per request; anything but a 201 is an error, and a
// request without an answer within `timeoutMs` counts as a client timeout.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { benchReceipt } from './ledgerReceipts.mjs';

/**
 * @param {URL} endpoint the ledger's endpoint (…/api/consent)
 * @param {string} body
 * @param {Agent} agent
 * @param {number} timeoutMs
 * @returns {Promise<number|'timeout'|string>} the status, 'timeout', or an error code
 */
function post(endpoint, body, agent, timeoutMs) {
  return new Promise((resolve) => {
    const req = request(
      { agent, host: endpoint.hostname, port: endpoint.port, path: endpoint.pathname + '/receipts', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', () => resolve('response-error'));
      },
    );
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve('timeout');
    });
    req.once('error', (/** @type {NodeJS.ErrnoException} */ error) => resolve(error.code ?? 'error'));
    req.end(body);
  });
}

/**
 * @param {{ endpoints: URL[], connections: number, batch: number, seconds: number, timeoutMs?: number }} options
 */
export async function runLoad({ endpoints, connections, batch, seconds, timeoutMs = 30_000 }) {
  const agents = endpoints.map(() => new Agent({ keepAlive: true, maxSockets: connections }));
  const timestamp = new Date(Date.now() - 60_000).toISOString();
  /** @type {number[]} */
  const latencies = [];
  /** @type {Record<string, number>} */
  const errors = {};
  let stored = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, client) => {
      const at = client % endpoints.length;
      while (performance.now() < end) {
        const body = JSON.stringify({ receipts: Array.from({ length: batch }, () => benchReceipt(timestamp)) });
        const t = performance.now();
        const outcome = await post(/** @type {URL} */ (endpoints[at]), body, /** @type {Agent} */ (agents[at]), timeoutMs);
        latencies.push(performance.now() - t);
        if (outcome === 201) stored += batch;
        else errors[String(outcome)] = (errors[String(outcome)] ?? 0) + 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  for (const agent of agents) agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (/** @type {number} */ p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    seconds: elapsed,
    perSecond: stored / elapsed,
    p50: q(0.5),
    p99: q(0.99),
    max: latencies[latencies.length - 1] ?? 0,
    timeouts: errors.timeout ?? 0,
    errors: Object.values(errors).reduce((a, b) => a + b, 0),
    errorKinds: errors,
  };
}
