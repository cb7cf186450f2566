import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DiscountInput } from '../../../shared/domain/sale';
import { discountBasisPoints, lineGross, priceSale, taxOn, type PricedLineInput } from '../../../electron/main/ledger/pricing';
import { allocate, mulDivHalfUp, roundToStep } from '../../../electron/main/ledger/rounding';

const line = (over: Partial<PricedLineInput>): PricedLineInput => ({
  lineId: 'ln_aaaaaaaaaa',
  productId: 'SKU-1',
  name: 'Item',
  soldBy: 'unit',
  quantity: 1,
  unitPriceMinor: 100,
  taxCategoryId: 'standard',
  taxRateBp: 2000,
  discount: null,
  ...over,
});

describe('integer rounding', () => {
  it('rounds half up and never loses precision past 2^53', () => {
    expect(mulDivHalfUp(5, 1, 10)).toBe(1);
    expect(mulDivHalfUp(4, 1, 10)).toBe(0);
    expect(mulDivHalfUp(15, 1, 10)).toBe(2);
    expect(mulDivHalfUp(100_000_000, 9_999 * 10_000, 10_000)).toBe(999_900_000_000);
  });

  it('allocates every minor unit, in proportion, ties to the earlier item', () => {
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    expect(allocate(7, [0, 0])).toEqual([0, 0]);
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.array(fc.nat(100_000), { minLength: 1, maxLength: 20 }), (total, weights) => {
        const parts = allocate(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0);
        if (sum === 0) return parts.every((p) => p === 0);
        return parts.reduce((a, b) => a + b, 0) === total && parts.every((p, i) => Math.abs(p - (total * weights[i]!) / sum) < 1);
      }),
    );
  });

  it('rounds cash to the step, half up', () => {
    expect(roundToStep(1002, 5)).toBe(1000);
    expect(roundToStep(1003, 5)).toBe(1005);
    expect(roundToStep(1025, 10)).toBe(1030);
    expect(roundToStep(1003, 0)).toBe(1003);
    expect(roundToStep(1003, 1)).toBe(1003);
  });
});

describe('pricing', () => {
  it('prices weighed items per kg by the gram', () => {
    expect(lineGross({ soldBy: 'weight', quantity: 1234, unitPriceMinor: 299 })).toBe(369); // 3.6897 → 3.69
    expect(lineGross({ soldBy: 'unit', quantity: 3, unitPriceMinor: 199 })).toBe(597);
  });

  it('works the example in docs/register.md (tax-inclusive, two rates, a sale discount)', () => {
    const priced = priceSale(
      [
        line({ lineId: 'ln_aaaaaaaaa1', unitPriceMinor: 250, quantity: 2, taxRateBp: 700 }),
        line({
          lineId: 'ln_aaaaaaaaa2',
          unitPriceMinor: 1999,
          taxRateBp: 1900,
          discount: { kind: 'percent', basisPoints: 1000, reason: 'damaged box' },
        }),
      ],
      { kind: 'amount', amountMinor: 100, reason: 'loyalty' },
      'inclusive',
      'EUR',
    );
    // Lines 5.00 and 19.99 − 2.00 (10 %, half up) = 17.99; the 1.00 off the sale splits 22 / 78.
    expect(priced.lines.map((l) => [l.grossMinor, l.lineDiscountMinor, l.saleDiscountShareMinor, l.netMinor])).toEqual([
      [500, 0, 22, 478],
      [1999, 200, 78, 1721],
    ]);
    expect(priced.totals).toMatchObject({ subtotalMinor: 2499, discountMinor: 300, totalMinor: 2199, taxMinor: 31 + 275 });
    expect(priced.totals.taxBreakdown).toEqual([
      { rateBp: 1900, netMinor: 1446, taxMinor: 275, grossMinor: 1721 },
      { rateBp: 700, netMinor: 447, taxMinor: 31, grossMinor: 478 },
    ]);
  });

  it('adds tax on top when prices exclude it', () => {
    const priced = priceSale([line({ unitPriceMinor: 1000, quantity: 3, taxRateBp: 825 })], null, 'exclusive', 'USD');
    expect(priced.totals).toMatchObject({ subtotalMinor: 3000, taxMinor: 248, totalMinor: 3248 }); // 247.5 → 248
  });

  it('never discounts a line below zero', () => {
    const priced = priceSale(
      [line({ unitPriceMinor: 300, discount: { kind: 'amount', amountMinor: 999, reason: 'free sample' } })],
      null,
      'inclusive',
      'EUR',
    );
    expect(priced.totals.totalMinor).toBe(0);
    expect(priced.lines[0]!.netMinor).toBe(0);
  });

  it('measures an amount discount against the line for the approval threshold', () => {
    expect(discountBasisPoints(1000, { kind: 'amount', amountMinor: 101, reason: 'x' })).toBe(1010);
    expect(discountBasisPoints(1000, { kind: 'percent', basisPoints: 1500, reason: 'x' })).toBe(1500);
  });
});

const discountArb: fc.Arbitrary<DiscountInput | null> = fc.oneof(
  fc.constant(null),
  fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 1, max: 10_000 }), reason: fc.constant('promo') }),
  fc.record({ kind: fc.constant('amount' as const), amountMinor: fc.integer({ min: 1, max: 50_000 }), reason: fc.constant('promo') }),
);
const lineArb = fc.record({
  soldBy: fc.constantFrom('unit' as const, 'weight' as const),
  quantity: fc.integer({ min: 1, max: 5_000 }),
  unitPriceMinor: fc.integer({ min: 1, max: 100_000 }),
  taxRateBp: fc.constantFrom(0, 500, 700, 1000, 1900, 2000, 2500),
  discount: discountArb,
});

describe('pricing property: random carts add up to the minor unit', () => {
  it.each(['inclusive', 'exclusive'] as const)('%s prices', (mode) => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 25 }), discountArb, (lines, saleDiscount) => {
        const inputs = lines.map((l, i) => line({ ...l, lineId: `ln_${String(i).padStart(10, '0')}` }));
        const { lines: priced, totals } = priceSale(inputs, saleDiscount, mode, 'EUR');
        const sumLines = priced.reduce((a, l) => a + l.grossMinor, 0);
        const breakdownTax = totals.taxBreakdown.reduce((a, b) => a + b.taxMinor, 0);
        expect(sumLines).toBe(totals.subtotalMinor);
        // lines + tax − discounts = total (inclusive prices already contain their tax)
        expect(sumLines + (mode === 'exclusive' ? totals.taxMinor : 0) - totals.discountMinor).toBe(totals.totalMinor);
        expect(breakdownTax).toBe(totals.taxMinor);
        expect(priced.reduce((a, l) => a + l.taxMinor, 0)).toBe(totals.taxMinor);
        expect(totals.taxBreakdown.reduce((a, b) => a + b.grossMinor, 0)).toBe(totals.totalMinor);
        for (const b of totals.taxBreakdown)
          expect(b.taxMinor).toBe(taxOn(mode === 'inclusive' ? b.grossMinor : b.netMinor, b.rateBp, mode));
        expect(priced.every((l) => l.netMinor >= 0 && Number.isSafeInteger(l.netMinor))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
