import { discountOn, mulDivHalfUp } from '../../../shared/domain/money-math';
import type { RefundableSale } from '../../../shared/domain/refund';
import type { RefundTenderSplit } from '../../../shared/domain/refund-split';
import type { DiscountInput, SaleLine, SaleView } from '../../../shared/domain/sale';
import { formatMoney, formatRate } from '../format/money';

// What a manager is asked to approve, as a phrase that completes "Approve … for <cashier>?": the
// thing, its amount and what it applies to, worked out by the same rules main charges by.

/** "50 % discount (−€0.60) on Spaghetti", "€2.00 discount on the sale (€12.40)". */
export function discountPhrase(discount: DiscountInput, baseMinor: number, currency: string, on: string): string {
  const off = discountOn(baseMinor, discount);
  // Amounts taken off are negative amounts, written as Intl writes them: one minus sign everywhere.
  return discount.kind === 'percent'
    ? `${formatRate(discount.basisPoints)} discount (${formatMoney(-off, currency)}) on ${on}`
    : `${formatMoney(off, currency)} discount on ${on}`;
}

/** The amount a line's discount applies to: its gross. */
export const lineDiscountBase = (line: SaleLine): number => line.grossMinor;

/** The amount a sale discount applies to: the lines after their own discounts. */
export const saleDiscountBase = (sale: SaleView): number => sale.lines.reduce((sum, l) => sum + l.grossMinor - l.lineDiscountMinor, 0);

/** What the chosen quantities of a sale give back: each line's share of what was charged, as main computes it. */
export function refundAmount(found: RefundableSale, quantities: [lineId: string, quantity: number][]): number {
  let total = 0;
  for (const [lineId, quantity] of quantities) {
    const line = found.sale.lines.find((l) => l.lineId === lineId);
    const left = found.refundable.find((r) => r.lineId === lineId);
    if (!line || !left) continue;
    if (quantity === left.quantity) {
      total += left.amountMinor;
      continue;
    }
    const before = line.quantity - left.quantity;
    const share = (amount: number) => mulDivHalfUp(amount, before + quantity, line.quantity) - mulDivHalfUp(amount, before, line.quantity);
    total += share(line.netMinor) + (found.sale.totals.taxMode === 'exclusive' ? share(line.taxMinor) : 0);
  }
  return total;
}

/**
 * "refund of €1.69 to cash", "refund of €4.00 to card Visa ···· 4242", or card first then cash for a split
 * sale; with the store's cash rounding, what the drawer hands out: "…to cash, €1.70 after cash rounding".
 */
export function refundPhrase(amountMinor: number, sale: SaleView, tenders: readonly RefundTenderSplit[] = []): string {
  const taken = sale.payments.filter((p) => p.status !== 'declined');
  const cards = taken.filter((p) => p.method === 'card');
  const cash = taken.some((p) => p.method === 'cash');
  const card = cards.length === 1 && cards[0]?.card ? `card ${cards[0].card.brand} ···· ${cards[0].card.last4}` : 'the cards';
  const where = cards.length === 0 ? 'cash' : cash ? `${card} first, the rest in cash` : card;
  const cashTenders = tenders.filter((t) => t.method === 'cash');
  const rounded = cashTenders.some((t) => t.roundingMinor !== 0)
    ? `, ${formatMoney(
        cashTenders.reduce((sum, t) => sum + t.amountMinor, 0),
        sale.totals.currency,
      )} in cash after cash rounding`
    : '';
  return `refund of ${formatMoney(amountMinor, sale.totals.currency)} to ${where}${rounded} (receipt ${sale.receipt?.receiptNumber ?? ''})`;
}

/** The question the approval dialog asks. */
export function approvalQuestion(what: string, cashier: string | null): string {
  return `Approve ${what}${cashier ? ` for ${cashier}` : ''}?`;
}
