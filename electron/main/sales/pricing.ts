import type { SoldBy } from '../../../shared/domain/catalog';
import type { DiscountInput, SaleLine, SaleTotals, TaxBreakdown, TaxMode } from '../../../shared/domain/sale';
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

/** A discount on an amount, never more than the amount itself. */
export function discountOn(amount: number, discount: DiscountInput | null): number {
  if (!discount) return 0;
  const value = discount.kind === 'percent' ? mulDivHalfUp(amount, discount.basisPoints, 10_000) : discount.amountMinor;
  return Math.min(value, amount);
}

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
export function priceSale(inputs: readonly PricedLineInput[], saleDiscount: DiscountInput | null, mode: TaxMode, currency: string): PricedSale {
  const gross = inputs.map(lineGross);
  const lineDiscounts = inputs.map((line, i) => discountOn(gross[i]!, line.discount));
  const afterLine = gross.map((g, i) => g - lineDiscounts[i]!);
  const saleDiscountMinor = discountOn(afterLine.reduce((a, b) => a + b, 0), saleDiscount);
  const shares = allocate(saleDiscountMinor, afterLine);
  const net = afterLine.map((a, i) => a - shares[i]!);

  const rates = [...new Set(inputs.map((l) => l.taxRateBp))].sort((a, b) => b - a);
  const lineTax = new Array<number>(inputs.length).fill(0);
  const taxBreakdown: TaxBreakdown = rates.map((rateBp) => {
    const members = inputs.flatMap((l, i) => (l.taxRateBp === rateBp ? [i] : []));
    const amount = members.reduce((sum, i) => sum + net[i]!, 0);
    const tax = taxOn(amount, rateBp, mode);
    allocate(tax, members.map((i) => net[i]!)).forEach((part, k) => (lineTax[members[k]!] = part));
    return mode === 'inclusive'
      ? { rateBp, netMinor: amount - tax, taxMinor: tax, grossMinor: amount }
      : { rateBp, netMinor: amount, taxMinor: tax, grossMinor: amount + tax };
  });

  const subtotalMinor = gross.reduce((a, b) => a + b, 0);
  const discountMinor = lineDiscounts.reduce((a, b) => a + b, 0) + saleDiscountMinor;
  const taxMinor = taxBreakdown.reduce((a, b) => a + b.taxMinor, 0);
  const totalMinor = subtotalMinor - discountMinor + (mode === 'exclusive' ? taxMinor : 0);
  return {
    lines: inputs.map((line, i) => ({
      ...line,
      grossMinor: gross[i]!,
      lineDiscountMinor: lineDiscounts[i]!,
      saleDiscountShareMinor: shares[i]!,
      netMinor: net[i]!,
      taxMinor: lineTax[i]!,
    })),
    totals: { currency, taxMode: mode, subtotalMinor, discountMinor, taxMinor, totalMinor, taxBreakdown },
  };
}

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
