/** Rows per page of `GET /subjects/{id}`: the default and the most a client may ask for. */
export const MAX_PAGE_SIZE = 500;

const PREFIX = 'v1.';

/**
 * The cursor of the page after the row with this seq. Opaque to clients (its
 * form may change), so it is encoded rather than a bare number they might
 * start computing with.
 */
export function encodeCursor(seq: number): string {
  return Buffer.from(PREFIX + seq, 'utf8').toString('base64url');
}

/** The seq a cursor stands for, or null when it is not one this ledger made. */
export function decodeCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(cursor)) return null;
  const match = /^v1\.([1-9][0-9]{0,14})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}
