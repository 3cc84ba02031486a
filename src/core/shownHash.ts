/**
 * The 64-bit digest receipts carried before notices were archived, and still
 * carry where Web Crypto is missing (a page on plain http): two independent
 * 32-bit FNV-1a lanes, 16 hex digits. Synchronous; enough to tell wordings
 * apart, not a security boundary. The ledger accepts it forever.
 */
export function shownHash(text = ''): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 15);
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return hex(a) + hex(b);
}

/** SHA-256 of some bytes, as Web Crypto's `crypto.subtle.digest('SHA-256', …)` computes it. */
export type Sha256 = (bytes: Uint8Array<ArrayBuffer>) => Promise<ArrayBuffer>;

/** `sha256:` and the 64 lowercase hex digits of the SHA-256 of the text's UTF-8 bytes. */
export async function sha256Hash(text: string, sha256: Sha256): Promise<string> {
  const digest = new Uint8Array(await sha256(new TextEncoder().encode(text)));
  return 'sha256:' + Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
