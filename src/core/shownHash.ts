/**
 * A digest of the texts the visitor was shown, recorded in every receipt so a
 * site can prove which wording was agreed to. Synchronous (a decision must not
 * wait on `crypto.subtle`), 64 bits from two independent 32-bit FNV-1a lanes:
 * enough to tell wordings apart, not a security boundary.
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
