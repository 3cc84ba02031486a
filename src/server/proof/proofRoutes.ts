import { errorResponse, jsonResponse } from '../jsonResponse';
import { parseJsonBody } from '../parseJsonBody';
import { acceptedType } from '../postReceipts';
import { readBoundedBody } from '../readBoundedBody';
import type { RouteContext } from '../routeContext';
import { MAX_NOTICE_BYTES, NOTICE_HASH_PATTERN, validateNotice } from './notice';

/** Checkpoints per answer of GET /checkpoints; ask again with `since` = the last sequence for more. */
export const CHECKPOINT_PAGE = 1000;
/** A notice's body may carry white space around its canonical form: twice the canonical bound. */
const MAX_NOTICE_BODY = 2 * MAX_NOTICE_BYTES;

const noProof = () => errorResponse(404, 'not_found', 'This ledger keeps no proof (it has no signing key).');

/** GET {base}/key: the public half of the ledger's signing key. */
export function getKey(ctx: RouteContext): Response {
  const proof = ctx.store.proof;
  return proof ? jsonResponse(200, proof.key.toPublic()) : noProof();
}

/** POST {base}/notices: files a notice under the hash the ledger computes itself. */
export async function postNotice(request: Request, ctx: RouteContext): Promise<Response> {
  const proof = ctx.store.proof;
  if (!proof) return noProof();
  if (!acceptedType(request.headers.get('content-type'))) {
    return errorResponse(415, 'unsupported_media_type', 'Send the notice as application/json or text/plain (UTF-8).');
  }
  let bytes: Uint8Array | 'too-large';
  try {
    bytes = await readBoundedBody(request, MAX_NOTICE_BODY);
  } catch {
    return errorResponse(400, 'unreadable_body', 'The body could not be read.');
  }
  if (bytes === 'too-large') return errorResponse(413, 'payload_too_large', `A notice is at most ${MAX_NOTICE_BYTES} bytes.`, { headers: { connection: 'close' } });
  const parsed = parseJsonBody(bytes);
  if (!parsed.ok) return errorResponse(400, 'invalid_json', parsed.message);
  const notice = validateNotice(parsed.value);
  if (!notice.ok) return errorResponse(notice.status, notice.status === 413 ? 'payload_too_large' : 'invalid_notice', notice.message);
  const created = await proof.putNotice(notice.hash, notice.canonical, new Date(ctx.now()).toISOString());
  return jsonResponse(created ? 201 : 200, { hash: notice.hash });
}

/** GET {base}/notices/{hash}: the notice as filed, canonical JSON; it never changes, so caches may keep it. */
export async function getNotice(hash: string, ctx: RouteContext): Promise<Response> {
  const proof = ctx.store.proof;
  if (!proof) return noProof();
  if (!NOTICE_HASH_PATTERN.test(hash)) return errorResponse(400, 'invalid_hash', 'A notice hash is "sha256:" and 64 lower-case hex digits.');
  const body = await proof.notice(hash);
  if (body === null) return errorResponse(404, 'not_found', 'No notice under this hash.');
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' },
  });
}

/** GET {base}/checkpoints?since=N: the signed checkpoint log after sequence N, oldest first. */
export async function getCheckpoints(request: Request, ctx: RouteContext): Promise<Response> {
  const proof = ctx.store.proof;
  if (!proof) return noProof();
  const since = new URL(request.url).searchParams.get('since') ?? '0';
  if (!/^(0|[1-9][0-9]{0,14})$/.test(since)) return errorResponse(400, 'invalid_query', 'since must be a checkpoint sequence number (0 for all).');
  const checkpoints = await proof.checkpoints(Number(since), CHECKPOINT_PAGE + 1);
  const more = checkpoints.length > CHECKPOINT_PAGE;
  return jsonResponse(200, { key: proof.key.toPublic(), checkpoints: checkpoints.slice(0, CHECKPOINT_PAGE), more });
}
