import type { SoldBy } from '../../../shared/domain/catalog';
import type { DiscountInput, SaleLine, SaleTotals, TaxBreakdown, TaxMode } from '../../../shared/domain/sale';
import { discountOn } from '../../../shared/domain/money-math';
import { allocate, mulDivHalfUp } from './rounding';

/** A cart line as stored: what was scanned, at what price, with which tax rate and discount. */
export interface PricedLineInput {
  lineId: string;
  productId: string;
  name: string;
  soldBy: SoldBy;
  quantity: number;
  unitPriceMinor: number;
  taxCategoryId: string;
  taxRateBp: number;
  discount: DiscountInput | null;
}

export interface PricedSale {
  lines: SaleLine[];
  totals: SaleTotals;
}

/** Price × quantity; weighed lines are priced per kg and measured in grams. */
export function lineGross(line: Pick<PricedLineInput, 'soldBy' | 'quantity' | 'unitPriceMinor'>): number {
  return line.soldBy === 'weight' ? mulDivHalfUp(line.unitPriceMinor, line.quantity, 1000) : line.unitPriceMinor * line.quantity;
}

export { discountOn };

/** The tax contained in (inclusive) or added to (exclusive) an amount at a rate, rounded half up. */
export function taxOn(amount: number, rateBp: number, mode: TaxMode): number {
  return mode === 'inclusive' ? mulDivHalfUp(amount, rateBp, 10_000 + rateBp) : mulDivHalfUp(amount, rateBp, 10_000);
}

/**
 * The one pricing rule of the register (docs/register.md has a worked example):
 * 1. each line's gross is price × quantity (weighed: per kg × grams / 1000, half up);
 * 2. a line discount comes off its line; a sale discount is split over the lines in proportion to
 *    what they come to (largest remainder), so every minor unit of it belongs to one line and rate;
 * 3. tax is computed once per rate on the sum of that rate's lines (half up), then shared back to the
 *    lines in proportion so that refunds can return exactly what was charged;
 * 4. inclusive prices: total = lines − discounts, tax is contained in it;
 *    exclusive prices: total = lines − discounts + tax.
 */
export function priceSale(
  inputs: readonly PricedLineInput[],
  saleDiscount: DiscountInput | null,
  mode: TaxMode,
  currency: string,
): PricedSale {
  const staged = inputs.map((line) => {
    const gross = lineGross(line);
    const lineDiscount = discountOn(gross, line.discount);
    return { line, gross, lineDiscount, afterLine: gross - lineDiscount };
  });
  const saleDiscountMinor = discountOn(sum(staged.map((s) => s.afterLine)), saleDiscount);
  const shares = allocate(
    saleDiscountMinor,
    staged.map((s) => s.afterLine),
  );
  const priced = staged.map((s, i) => {
    const share = shares[i] ?? 0;
    return { ...s, share, net: s.afterLine - share, tax: 0 };
  });

  const rates = [...new Set(inputs.map((l) => l.taxRateBp))].sort((a, b) => b - a);
  const taxBreakdown: TaxBreakdown = rates.map((rateBp) => {
    const members = priced.filter((p) => p.line.taxRateBp === rateBp);
    const amount = sum(members.map((m) => m.net));
    const tax = taxOn(amount, rateBp, mode);
    const parts = allocate(
      tax,
      members.map((m) => m.net),
    );
    members.forEach((m, k) => (m.tax = parts[k] ?? 0));
    return mode === 'inclusive'
      ? { rateBp, netMinor: amount - tax, taxMinor: tax, grossMinor: amount }
      : { rateBp, netMinor: amount, taxMinor: tax, grossMinor: amount + tax };
  });

  const subtotalMinor = sum(priced.map((p) => p.gross));
  const discountMinor = sum(priced.map((p) => p.lineDiscount)) + saleDiscountMinor;
  const taxMinor = sum(taxBreakdown.map((b) => b.taxMinor));
  const totalMinor = subtotalMinor - discountMinor + (mode === 'exclusive' ? taxMinor : 0);
  return {
    lines: priced.map((p) => ({
      ...p.line,
      grossMinor: p.gross,
      lineDiscountMinor: p.lineDiscount,
      saleDiscountShareMinor: p.share,
      netMinor: p.net,
      taxMinor: p.tax,
    })),
    totals: { currency, taxMode: mode, subtotalMinor, discountMinor, taxMinor, totalMinor, taxBreakdown },
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** What a customer pays for a line: its net, plus its tax share when prices exclude tax. */
export function linePayable(line: Pick<SaleLine, 'netMinor' | 'taxMinor'>, mode: TaxMode): number {
  return mode === 'exclusive' ? line.netMinor + line.taxMinor : line.netMinor;
}

/** A discount as a share of the amount it applies to, in basis points (for the approval threshold). */
export function discountBasisPoints(amount: number, discount: DiscountInput): number {
  if (discount.kind === 'percent') return discount.basisPoints;
  if (amount <= 0) return 10_000;
  return Math.ceil((Math.min(discount.amountMinor, amount) * 10_000) / amount);
}
