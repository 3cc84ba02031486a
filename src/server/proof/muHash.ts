import { createHash } from 'node:crypto';

/**
 * MuHash3072 (the set hash Bitcoin Core uses for its UTXO set): a set's digest
 * is the product of its members' hashes modulo a 3072-bit prime. Products
 * commute, so members can be added in any order and removed by division: a
 * checkpoint is the previous one times the rows received since, divided by the
 * rows an erasure removed, without reading the rest of the ledger. Finding
 * another set with the same product is as hard as a discrete logarithm in
 * that group (unlike a plain sum of hashes, which a generalized-birthday
 * search breaks).
 */
const BITS = 3072n;
const DELTA = 1103717n;
const PRIME = (1n << BITS) - DELTA;
const MASK = (1n << BITS) - 1n;
const HEX_LENGTH = 768;

/** x mod PRIME for 0 ≤ x < PRIME², by folding the high half (2^3072 ≡ DELTA). */
function reduce(x: bigint): bigint {
  while (x > MASK) x = (x >> BITS) * DELTA + (x & MASK);
  return x >= PRIME ? x - PRIME : x;
}

function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = base;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = reduce(result * b);
    b = reduce(b * b);
  }
  return result;
}

/** The empty set's digest. */
export const EMPTY_SET = 1n;

/** A row's member of the set: SHAKE256 of its seq and chain hash, 384 bytes, as a number below the prime. */
export function rowElement(seq: number, hash: string): bigint {
  const bytes = createHash('shake256', { outputLength: 384 }).update(`consentkit:checkpoint-row\n${seq}\n${hash}`, 'utf8').digest();
  const value = reduce(BigInt('0x' + bytes.toString('hex')));
  // Zero has probability 2^-3072; it would erase the whole product, so it is mapped to 1.
  return value === 0n ? 1n : value;
}

export function multiply(a: bigint, b: bigint): bigint {
  return reduce(a * b);
}

/** a ÷ b in the group (b's inverse by Fermat: b^(p-2)). */
export function divide(a: bigint, b: bigint): bigint {
  return reduce(a * power(b, PRIME - 2n));
}

export function setDigestToHex(value: bigint): string {
  return value.toString(16).padStart(HEX_LENGTH, '0');
}

export function setDigestFromHex(hex: string): bigint {
  if (!new RegExp(`^[0-9a-f]{${HEX_LENGTH}}$`).test(hex)) throw new Error('a set digest is 768 hex digits');
  return BigInt('0x' + hex);
}
