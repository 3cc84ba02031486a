// Order statistics for a list of samples (nulls, i.e. failed runs, are left out).

/** @param {Array<number|null|undefined>} xs */
const clean = (xs) => /** @type {number[]} */ (xs.filter((x) => typeof x == 'number' && Number.isFinite(x))).sort((a, b) => a - b);

/**
 * The q-quantile by linear interpolation between closest ranks (q = 0.5: median).
 * @param {Array<number|null|undefined>} xs
 * @param {number} q
 * @returns {number|null}
 */
export function quantile(xs, q) {
  const s = clean(xs);
  if (!s.length) return null;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  const a = /** @type {number} */ (s[lo]);
  return a + (/** @type {number} */ (s[hi]) - a) * (i - lo);
}

/** @param {Array<number|null|undefined>} xs */
export const median = (xs) => quantile(xs, 0.5);

/** @param {Array<number|null|undefined>} xs */
export const p90 = (xs) => quantile(xs, 0.9);
