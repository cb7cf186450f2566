/**
 * Integer arithmetic for money. Products of prices, quantities and basis points can pass 2^53, so
 * the multiply-then-divide runs in BigInt; results are back in safe integers.
 */

export { mulDivHalfUp, roundToStep } from '../../../shared/domain/money-math';

/**
 * Splits `total` over `weights` in proportion, to the minor unit, so the parts sum to `total`
 * exactly (largest remainder; ties go to the earlier item, so the split is deterministic).
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || sum === 0) return weights.map(() => 0);
  const big = BigInt(total);
  const bigSum = BigInt(sum);
  const parts = weights.map((w) => (big * BigInt(w)) / bigSum);
  const remainders = weights.map((w, i) => ({ i, r: (big * BigInt(w)) % bigSum }));
  let left = total - parts.reduce((a, b) => a + Number(b), 0);
  remainders.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  const result = parts.map(Number);
  for (const { i } of remainders) {
    if (left <= 0) break;
    result[i] = (result[i] ?? 0) + 1;
    left -= 1;
  }
  return result;
}
