import type { ServerResponse } from 'node:http';
import type { Receipt } from '../../src/core/receipt';
import type { RecordedRequest } from '../helpers/testServer';
import { listen } from './ledger';

/**
 * A ledger for these tests that answers as the real one does about erased
 * subjects: a POST holding a receipt of an erased subject gets
 * `410 {"error":"subject_erased",…,"erased":[ids]}` and nothing of the batch
 * is stored; other POSTs store each receipt once (201). `answer()` scripts
 * statuses for the next POSTs instead.
 */
export async function startErasingLedger() {
  const stored = new Map<string, Receipt>();
  const erasedSubjects = new Set<string>();
  const posts: Array<{ ids: string[]; status: number }> = [];
  const script: number[] = [];
  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const server = await listen(0, (request: RecordedRequest, response) => {
    if (request.method !== 'POST') return send(response, 405, { error: 'method_not_allowed' });
    const receipts = (JSON.parse(request.body) as { receipts: Receipt[] }).receipts;
    const ids = receipts.map((r) => r.id);
    const scripted = script.shift();
    if (scripted !== undefined) {
      posts.push({ ids, status: scripted });
      return send(response, scripted, { error: 'scripted' });
    }
    const erased = receipts.filter((r) => erasedSubjects.has(r.subject)).map((r) => r.id);
    if (erased.length > 0) {
      posts.push({ ids, status: 410 });
      return send(response, 410, { error: 'subject_erased', message: 'These receipts belong to an erased subject.', erased });
    }
    for (const r of receipts) if (!stored.has(r.id)) stored.set(r.id, r);
    posts.push({ ids, status: 201 });
    send(response, 201, { stored: ids });
  });
  return {
    endpoint: `http://127.0.0.1:${server.port}/api/consent`,
    stored,
    posts,
    /** Erases a subject as `DELETE /subjects/{id}` would: its receipts go, later ones are refused. */
    erase(subject: string) {
      erasedSubjects.add(subject);
      for (const [id, r] of stored) if (r.subject === subject) stored.delete(id);
    },
    /** The statuses of the next POSTs, in order; afterwards the ledger answers for itself. */
    answer: (...statuses: number[]) => void script.push(...statuses),
    close: server.close,
  };
}
