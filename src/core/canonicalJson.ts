/**
 * JSON with object keys sorted (UTF-16 code-unit order, the default sort) and
 * no white space: the same value always gives the same text, so the ledger can
 * recompute a notice's hash from the notice alone. Members whose value is
 * `undefined` are left out, as `JSON.stringify` leaves them out. The ledger
 * applies the same rule; a test holds the two equal.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => JSON.stringify(key) + ':' + canonicalJson(record[key]));
  return '{' + members.join(',') + '}';
}
