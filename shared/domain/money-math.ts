import type { DiscountInput } from './sale';

/**
 * Integer arithmetic for money, shared so the page can say what main will charge (an approval names
 * the amount) by the same rule. Products of prices, quantities and basis points can pass 2^53, so the
 * multiply-then-divide runs in BigInt; results are back in safe integers.
 */

/** a × b / c rounded half up (half away from zero), for a, b ≥ 0 and c > 0. */
export function mulDivHalfUp(a: number, b: number, c: number): number {
  if (c <= 0 || a < 0 || b < 0) throw new RangeError('mulDivHalfUp takes a, b ≥ 0 and c > 0');
  const product = BigInt(a) * BigInt(b);
  const divisor = BigInt(c);
  return Number((product * 2n + divisor) / (divisor * 2n));
}

/**
 * The store's cash rounding: to the nearest multiple of `step` (5 rounds to 0.05), half up; a step of
 * 0 or 1 changes nothing. One rule for what a cash sale takes and what a cash refund gives back.
 */
export function roundToStep(amount: number, step: number): number {
  if (step <= 1) return amount;
  return amount < 0 ? -roundToStep(-amount, step) : mulDivHalfUp(amount, 1, step) * step;
}

/** A discount on an amount, never more than the amount itself. */
export function discountOn(amount: number, discount: DiscountInput | null): number {
  if (!discount) return 0;
  const value = discount.kind === 'percent' ? mulDivHalfUp(amount, discount.basisPoints, 10_000) : discount.amountMinor;
  return Math.min(value, amount);
}
