// A closed-loop HTTP load: N keep-alive connections, each posting its next
// batch as soon as the previous answer arrives. Latency is per request;
// a request without an answer within `timeoutMs` counts as a client timeout.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

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
 * @param {{ endpoint: URL, connections: number, bodies: string[], batch: number, timeoutMs?: number }} options
 */
export async function runLoad({ endpoint, connections, bodies, batch, timeoutMs = 30_000 }) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  /** @type {number[]} */
  const latencies = [];
  /** @type {Record<string, number>} */
  const errors = {};
  let stored = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < bodies.length) {
        const body = /** @type {string} */ (bodies[next++]);
        const t = performance.now();
        const outcome = await post(endpoint, body, agent, timeoutMs);
        latencies.push(performance.now() - t);
        if (outcome === 201) stored += batch;
        else errors[String(outcome)] = (errors[String(outcome)] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    connections,
    batch,
    requests: bodies.length,
    seconds,
    perSecond: stored / seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies[latencies.length - 1] ?? 0,
    timeouts: errors.timeout ?? 0,
    errors: Object.values(errors).reduce((a, b) => a + b, 0),
    errorKinds: errors,
  };
}
