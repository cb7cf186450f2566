import type { Payment, SaleView } from '../../../shared/domain/sale';
import { priceSale } from './pricing';
import { roundToStep } from './rounding';
import { parseDiscount, type DocumentRow, type SaleRepository, type SaleRow } from './sale-repository';

/** What a payment settles of the total: cash rounding is the store's, not the customer's. */
export const settles = (payment: Payment): number => payment.amountMinor - (payment.cash?.roundingMinor ?? 0);

/** Assembles the page's view of a sale from its rows, priced by the one pricing rule. */
export function buildSaleView(repo: SaleRepository, row: SaleRow, cashRoundingMinor: number, doc?: DocumentRow | null): SaleView {
  const saleDiscount = parseDiscount(row.sale_discount_json);
  const priced = priceSale(repo.lines(row.id), saleDiscount, row.tax_mode, row.currency);
  const document = doc === undefined ? repo.documentByRef(row.id) : doc;
  return {
    saleId: row.id,
    status: row.status,
    openedBy: row.opened_by,
    openedAt: row.opened_at,
    lines: priced.lines,
    saleDiscount,
    totals: priced.totals,
    ...paymentsPart(repo.payments(row.id), priced.totals.totalMinor, cashRoundingMinor),
    receipt: document ? { sequence: document.seq, receiptNumber: document.receipt_number, completedAt: document.completed_at } : null,
  };
}

function paymentsPart(
  payments: Payment[],
  totalMinor: number,
  cashRoundingMinor: number,
): Pick<SaleView, 'payments' | 'paidMinor' | 'remainingMinor' | 'cashDueMinor'> {
  const paidMinor = payments.reduce((sum, p) => sum + settles(p), 0);
  const remainingMinor = Math.max(0, totalMinor - paidMinor);
  return { payments, paidMinor, remainingMinor, cashDueMinor: roundToStep(remainingMinor, cashRoundingMinor) };
}

/**
 * The view after a payment was recorded, without reading the sale back: the checkout writes the
 * payment and the completion in one transaction and answers from what it wrote.
 */
export function withPayment(view: SaleView, payment: Payment, cashRoundingMinor: number): SaleView {
  return { ...view, ...paymentsPart([...view.payments, payment], view.totals.totalMinor, cashRoundingMinor) };
}
