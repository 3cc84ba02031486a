import { errorResponse, jsonResponse } from './jsonResponse';
import { MAX_PAGE_SIZE, decodeCursor, encodeCursor } from './pageCursor';
import type { RouteContext } from './routeContext';
import type { LedgerRow } from './types';
import { ackFor } from './proof/ack';

const notFound = () => errorResponse(404, 'not_found', 'No records for this subject.');

const PAGE_SIZE_PATTERN = /^[1-9][0-9]{0,3}$/;

/**
 * GET {base}/subjects/{subject}?limit=N&cursor=C: the right of access and
 * portability, one page at a time in the ledger's receive order. The decision
 * is the subject's last received receipt, the same on every page: a receipt's
 * own timestamp comes from the browser and cannot be trusted to rank it.
 */
export async function getSubject(request: Request, subject: string, ctx: RouteContext): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const limitParam = query.get('limit');
  const cursorParam = query.get('cursor');
  const limit = limitParam === null ? MAX_PAGE_SIZE : PAGE_SIZE_PATTERN.test(limitParam) ? Number(limitParam) : NaN;
  if (!(limit <= MAX_PAGE_SIZE)) return errorResponse(400, 'invalid_query', `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  const after = cursorParam === null ? null : decodeCursor(cursorParam);
  if (cursorParam !== null && after === null) return errorResponse(400, 'invalid_query', 'cursor must be a `next` value from an earlier page.');

  const page = await ctx.store.read(subject, { after, limit });
  if (!page.latest) return notFound();
  const last = page.rows[page.rows.length - 1];
  const key = ctx.store.proof?.key;
  // Signed now from the stored columns: the same bytes as the ack the POST answered (Ed25519 is deterministic).
  const withAck = <T extends object>(entry: T, row: LedgerRow): T => (key ? { ...entry, ack: ackFor(row, key) } : entry);
  return jsonResponse(200, {
    subject,
    decision: decisionOf(subject, page.latest),
    receipts: page.rows.map((row) => withAck(JSON.parse(row.body) as object, row)),
    ledger: page.rows.map(({ id, receivedAt, hash, flags }) => ({ id, receivedAt, hash, flags })),
    next: page.more && last ? encodeCursor(last.seq) : null,
  });
}

/** The subject's current decision, from its latest receipt; `services` only when that receipt chose per service. */
function decisionOf(subject: string, row: LedgerRow) {
  const receipt = JSON.parse(row.body) as { categories: unknown; services?: unknown; policy: { version: string }; gpc: boolean; timestamp: string };
  return {
    subject,
    categories: receipt.categories,
    ...(receipt.services !== undefined && { services: receipt.services }),
    policyVersion: receipt.policy.version,
    decidedAt: receipt.timestamp,
    receivedAt: row.receivedAt,
    receipt: row.id,
    gpc: receipt.gpc,
  };
}

/**
 * DELETE {base}/subjects/{subject}: erasure, leaving a tombstone. Repeating it
 * answers with the same tombstone. `purged` says whether the erased bytes are
 * gone from every file; when false, the store finishes on its own. Once the
 * erasure has committed the answer is a 200 either way: a failed purge (a full
 * disk) does not undo it, and a 500 would tell the visitor it did not happen.
 */
export async function deleteSubject(subject: string, ctx: RouteContext): Promise<Response> {
  const result = await ctx.store.erase(subject, new Date(ctx.now()).toISOString());
  if (!result) return notFound();
  const { subjectHash, receipts, firstReceivedAt, lastReceivedAt, erasedAt, hash } = result.tombstone;
  return jsonResponse(200, {
    erased: true,
    already: result.already,
    purged: result.purged,
    tombstone: { subjectHash, receipts, firstReceivedAt, lastReceivedAt, erasedAt, hash },
  });
}
