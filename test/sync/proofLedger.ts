import { generateKeyPairSync, sign } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Receipt } from '../../src/core/receipt';
import { canonicalJson, sha256Hex } from '../../src/server/canonicalJson';
import type { RecordedRequest, Route } from '../helpers/testServer';

/**
 * A STAND-IN for the ledger's side of the proof protocol (docs/sync.md,
 * *Acknowledgements and notices*), written for the SDK's tests while the real
 * ledger (src/server) learns it; once it does, these tests can run against
 * it. It stores each receipt once, answers with signed acknowledgements and
 * the notice hashes it lacks, archives notices under the SHA-256 it
 * recomputes itself, serves them, and answers access requests with each
 * receipt's ack. Everything it was asked is in `requests`.
 */
export function createProofLedger(base = '/api/consent') {
  const { privateKey } = generateKeyPairSync('ed25519');
  const keyId = 'test-key-1';
  const receipts = new Map<string, Receipt>();
  const acks = new Map<string, Record<string, unknown>>();
  const notices = new Map<string, string>();
  const requests: string[] = [];
  /** Statuses to answer the next notice uploads with, in order; afterwards the ledger answers for itself. */
  const noticeScript: number[] = [];

  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const ackFor = (receipt: Receipt) => {
    const unsigned = { v: 1, receipt: receipt.id, subject: receipt.subject, hash: sha256Hex(canonicalJson(receipt)), receivedAt: new Date().toISOString(), keyId };
    return { ...unsigned, signature: sign(null, Buffer.from(canonicalJson(unsigned)), privateKey).toString('base64url') };
  };

  const route: Route = (request: RecordedRequest, response) => {
    const path = request.path.split('?')[0]!.slice(base.length);
    requests.push(`${request.method} ${path}`);
    if (request.method === 'POST' && path === '/receipts') {
      const batch = (JSON.parse(request.body) as { receipts: Receipt[] }).receipts;
      const stored = batch.filter((r) => !receipts.has(r.id));
      for (const r of stored) {
        receipts.set(r.id, r);
        acks.set(r.id, ackFor(r));
      }
      const missingNotices = [...new Set(batch.map((r) => r.shownHash))].filter((hash) => hash.startsWith('sha256:') && !notices.has(hash));
      return send(response, stored.length > 0 ? 201 : 200, {
        stored: stored.map((r) => r.id),
        duplicates: batch.filter((r) => !stored.includes(r)).map((r) => r.id),
        erased: [],
        acks: batch.map((r) => acks.get(r.id)),
        missingNotices,
      });
    }
    if (request.method === 'POST' && path === '/notices') {
      const scripted = noticeScript.shift();
      if (scripted !== undefined) return send(response, scripted, { error: 'scripted', message: 'a scripted failure' });
      const json = canonicalJson(JSON.parse(request.body));
      const hash = 'sha256:' + sha256Hex(json);
      const known = notices.has(hash);
      notices.set(hash, json);
      return send(response, known ? 200 : 201, { hash });
    }
    if (request.method === 'GET' && path.startsWith('/notices/')) {
      const json = notices.get(path.slice('/notices/'.length));
      if (json === undefined) return send(response, 404, { error: 'not_found', message: 'no such notice' });
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=31536000, immutable' });
      return void response.end(json);
    }
    if (request.method === 'GET' && path.startsWith('/subjects/')) {
      const subject = decodeURIComponent(path.slice('/subjects/'.length));
      const own = [...receipts.values()].filter((r) => r.subject === subject);
      if (own.length === 0) return send(response, 404, { error: 'not_found', message: 'nothing held' });
      return send(response, 200, { subject, decision: null, receipts: own.map((r) => ({ ...r, ack: acks.get(r.id) })), ledger: [], next: null });
    }
    send(response, 404, { error: 'not_found', message: 'no such route' });
  };
  return {
    route,
    receipts,
    acks,
    /** Archived notices: hash → canonical JSON. */
    notices,
    requests,
    /** The next notice uploads get these statuses. */
    failNoticeUploads: (...statuses: number[]) => void noticeScript.push(...statuses),
  };
}
