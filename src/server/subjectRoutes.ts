import { errorResponse, jsonResponse } from './jsonResponse';
import type { RouteContext } from './routeContext';
import type { LedgerRow } from './types';

const notFound = () => errorResponse(404, 'not_found', 'No records for this subject.');

/** Client decision time first (a retried receipt may arrive late), then arrival order. */
const byDecisionTime = (a: LedgerRow, b: LedgerRow) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.seq - b.seq);

/** GET {base}/subjects/{subject}: the right of access and portability (CONTRACT §8). */
export async function getSubject(subject: string, ctx: RouteContext): Promise<Response> {
  const rows = [...(await ctx.store.read(subject))].sort(byDecisionTime);
  const last = rows[rows.length - 1];
  if (!last) return notFound();
  const receipts = rows.map((row) => JSON.parse(row.body) as Record<string, unknown>);
  const latest = receipts[receipts.length - 1] as { categories: unknown; policy: { version: string }; gpc: boolean };
  return jsonResponse(200, {
    subject,
    decision: {
      subject,
      categories: latest.categories,
      policyVersion: latest.policy.version,
      decidedAt: last.timestamp,
      receipt: last.id,
      gpc: latest.gpc,
    },
    receipts,
    ledger: rows.map(({ id, receivedAt, hash }) => ({ id, receivedAt, hash })),
  });
}

/** DELETE {base}/subjects/{subject}: erasure, leaving a tombstone. Repeating it answers with the same tombstone. */
export async function deleteSubject(subject: string, ctx: RouteContext): Promise<Response> {
  const result = await ctx.store.erase(subject, new Date(ctx.now()).toISOString());
  if (!result) return notFound();
  const { subjectHash, receipts, firstReceivedAt, lastReceivedAt, erasedAt, hash } = result.tombstone;
  return jsonResponse(200, { erased: true, already: result.already, tombstone: { subjectHash, receipts, firstReceivedAt, lastReceivedAt, erasedAt, hash } });
}
