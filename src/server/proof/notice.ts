import { canonicalJson, sha256Hex } from '../canonicalJson';

/** A notice's largest canonical JSON, in bytes. */
export const MAX_NOTICE_BYTES = 65_536;
/** The hash a receipt's `shownHash` gives for an archived notice. */
export const NOTICE_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;
/** Digests of receipts made before notices were archived: accepted for ever, never archived. */
export const LEGACY_SHOWN_HASH_PATTERN = /^[0-9a-f]{16}$/;
const LANGUAGE_PATTERN = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$/;

/** `"sha256:" + hex SHA-256 of the notice's canonical JSON`: the key it is stored under. */
export function noticeHash(canonical: string): string {
  return 'sha256:' + sha256Hex(canonical);
}

export type ValidatedNotice = { ok: true; canonical: string; hash: string } | { ok: false; status: 413 | 422; message: string };

/**
 * The ledger checks only what it must to file a notice: an object with
 * `v: 1` and a language, within the size bound. The rest is the SDK's and is
 * stored as sent, in canonical form, so the hash recomputes.
 */
export function validateNotice(value: unknown): ValidatedNotice {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, status: 422, message: 'A notice is a JSON object.' };
  const notice = value as Record<string, unknown>;
  if (notice.v !== 1) return { ok: false, status: 422, message: 'A notice has "v": 1.' };
  if (typeof notice.language !== 'string' || notice.language.length > 35 || !LANGUAGE_PATTERN.test(notice.language)) {
    return { ok: false, status: 422, message: 'A notice has a "language" tag such as "fr" or "en-GB".' };
  }
  const canonical = canonicalJson(value);
  if (Buffer.byteLength(canonical, 'utf8') > MAX_NOTICE_BYTES) return { ok: false, status: 413, message: `A notice is at most ${MAX_NOTICE_BYTES} bytes of canonical JSON.` };
  return { ok: true, canonical, hash: noticeHash(canonical) };
}

/** The distinct archivable shownHash values of a batch's bodies (legacy digests have no notice). */
export function noticeHashesOf(bodies: readonly string[]): string[] {
  const hashes = new Set<string>();
  for (const body of bodies) {
    const shown = (JSON.parse(body) as { shownHash?: unknown }).shownHash;
    if (typeof shown === 'string' && NOTICE_HASH_PATTERN.test(shown)) hashes.add(shown);
  }
  return [...hashes];
}
