import { errorResponse, jsonResponse } from './jsonResponse';
import { parseJsonBody } from './parseJsonBody';
import { readBoundedBody } from './readBoundedBody';
import type { RouteContext } from './routeContext';
import { validateReceipt, type FieldError } from './validateReceipt';
import type { AppendOptions, LedgerEntry } from './types';
import { ackFor } from './proof/ack';
import { noticeHashesOf } from './proof/notice';

/** At most this many field errors are echoed back: enough to fix a client, not a way to amplify a bad body. */
const MAX_DETAILS = 20;

/** `application/json` or, for navigator.sendBeacon, `text/plain`; any charset but UTF-8 is refused. */
export function acceptedType(header: string | null): boolean {
  if (!header) return false;
  const [type = '', ...params] = header.toLowerCase().split(';').map((part) => part.trim());
  if (type !== 'application/json' && type !== 'text/plain') return false;
  return params.every((p) => !p.startsWith('charset=') || /^charset="?utf-?8"?$/.test(p));
}

/** POST {base}/receipts: validates the whole batch, then stores what is new, all or nothing. */
export async function postReceipts(request: Request, ctx: RouteContext): Promise<Response> {
  if (!acceptedType(request.headers.get('content-type'))) {
    return errorResponse(415, 'unsupported_media_type', 'Send the receipts as application/json or text/plain (UTF-8).');
  }
  let bytes: Uint8Array | 'too-large';
  try {
    bytes = await readBoundedBody(request, ctx.maxBodyBytes);
  } catch {
    return errorResponse(400, 'unreadable_body', 'The body could not be read.');
  }
  if (bytes === 'too-large') {
    return errorResponse(413, 'payload_too_large', `The body is larger than ${ctx.maxBodyBytes} bytes; send fewer receipts at a time.`, {
      headers: { connection: 'close' },
    });
  }
  const parsed = parseJsonBody(bytes);
  if (!parsed.ok) return errorResponse(400, 'invalid_json', parsed.message);
  const batch = (parsed.value as { receipts?: unknown } | null)?.receipts;
  if (typeof parsed.value !== 'object' || Array.isArray(parsed.value) || !Array.isArray(batch)) {
    return errorResponse(400, 'invalid_body', 'The body must be {"receipts":[…]}.');
  }
  if (batch.length === 0 || batch.length > ctx.maxBatch) {
    return errorResponse(400, 'invalid_batch', `Send between 1 and ${ctx.maxBatch} receipts at a time.`);
  }

  const now = ctx.now();
  const entries: LedgerEntry[] = [];
  const details: (FieldError & { index: number })[] = [];
  batch.forEach((receipt, index) => {
    const result = validateReceipt(receipt, { now, maxSkewMs: ctx.maxClockSkewMs, maxLagMs: ctx.maxClockLagMs });
    if (result.ok) entries.push(result.entry);
    else for (const error of result.errors) details.push({ index, ...error });
  });
  // All or nothing: a batch with one bad receipt is a client bug, and half-storing it would hide that.
  if (details.length) {
    return errorResponse(400, 'invalid_receipt', 'Some receipts are invalid; nothing was stored.', { details: details.slice(0, MAX_DETAILS) });
  }
  const options: AppendOptions = { receivedAt: new Date(now).toISOString(), ...(ctx.subjectLimit ? { subjectLimit: ctx.subjectLimit } : {}) };
  const result = await ctx.store.append(entries, options);
  if (result.status === 'erased') {
    // A refusal, not a 2xx: the browser must learn that its subject is gone and start a fresh one.
    return jsonResponse(410, {
      error: 'subject_erased',
      message: 'These receipts belong to an erased subject; nothing was stored. Start a new subject.',
      erased: result.erased,
    });
  }
  if (result.status === 'limited') {
    const seconds = Math.ceil(result.retryAfterMs / 1000);
    return errorResponse(429, 'subject_rate_limited', `Too many receipts for this subject; nothing was stored; retry in ${seconds} s.`, {
      headers: { 'retry-after': String(seconds) },
    });
  }
  // `erased` stays in the answer for clients written before erased subjects got a 410; it is always empty now.
  const answer = { stored: result.stored, duplicates: result.duplicates, erased: [] as string[] };
  const proof = ctx.store.proof;
  if (!proof) return jsonResponse(result.stored.length ? 201 : 200, answer);
  const acks = (result.rows ?? []).map((row) => ackFor(row, proof.key));
  const missingNotices = await proof.missingNotices(noticeHashesOf(entries.map((entry) => entry.body)));
  return jsonResponse(result.stored.length ? 201 : 200, { ...answer, acks, missingNotices });
}
