import { formatGrams, formatRateBp } from '../../../shared/domain/display-format';
import type { ReceiptDocument, ReceiptRow } from '../../../shared/domain/receipt';
import type { RefundView, VoidView } from '../../../shared/domain/refund';
import type { DiscountInput, Payment, SaleLine, SaleView, TaxBreakdown } from '../../../shared/domain/sale';
import { footer, header, moneyFormatter, pair, rule, text, type Copy, type ReceiptContext } from './receipt-rows';
import type { StoredReceipt } from '../ledger/receipt-source';

// Builds what a receipt says from a stored record. `title` names the document (for a list or a PDF);
// the rows are the whole paper, title included, so every drawing of them shows the same receipt.

type Money = (minor: number) => string;

const ENTRY_MODES: Record<NonNullable<Payment['card']>['entryMode'], string> = {
  chip: 'Chip',
  contactless: 'Contactless',
  swipe: 'Swipe',
  manual: 'Keyed',
};

function lineDetail(line: SaleLine, money: Money, context: ReceiptContext): string | undefined {
  if (line.soldBy === 'weight') return `${formatGrams(line.quantity, context.locale)} × ${money(line.unitPriceMinor)}/kg`;
  return line.quantity > 1 ? `${line.quantity} × ${money(line.unitPriceMinor)}` : undefined;
}

function discountLabel(discount: DiscountInput, what: string, context: ReceiptContext): string {
  const size = discount.kind === 'percent' ? ` ${formatRateBp(discount.basisPoints, context.locale)}` : '';
  return `${what}${size}: ${discount.reason}`;
}

function taxRows(breakdown: TaxBreakdown, heading: string, money: Money, context: ReceiptContext): ReceiptRow[] {
  if (breakdown.length === 0) return [];
  return [
    rule(),
    text(heading),
    ...breakdown.map((rate) => pair(`Tax ${formatRateBp(rate.rateBp, context.locale)} on ${money(rate.netMinor)}`, money(rate.taxMinor))),
  ];
}

function cardLabel(card: NonNullable<Payment['card']>): string {
  return `${card.brand} ···· ${card.last4}`;
}

/** Only what was actually taken: declined and pending attempts are not tenders. */
const taken = (payments: Payment[]) => payments.filter((p) => p.status !== 'declined' && p.status !== 'pending');

function tenderRows(payments: Payment[], money: Money): ReceiptRow[] {
  return taken(payments).flatMap((payment): ReceiptRow[] => {
    if (payment.method === 'card' && payment.card) {
      // Stored offline, nobody has authorised it yet: the paper must not say "approved".
      const detail = `${ENTRY_MODES[payment.card.entryMode]}${payment.status === 'approved_offline' ? ' · stored, to be authorised' : ''}`;
      return [pair(`Card ${cardLabel(payment.card)}`, money(payment.amountMinor), { detail })];
    }
    const rows = [pair('Cash', money(payment.amountMinor))];
    if (payment.cash) {
      if (payment.cash.roundingMinor !== 0) rows.push(pair('Cash rounding', money(payment.cash.roundingMinor)));
      rows.push(pair('Cash given', money(payment.cash.givenMinor)), pair('Change', money(payment.cash.changeMinor), { emphasis: true }));
    }
    return rows;
  });
}

function saleRows(sale: SaleView, money: Money, context: ReceiptContext): ReceiptRow[] {
  const rows: ReceiptRow[] = [rule()];
  for (const line of sale.lines) {
    const detail = lineDetail(line, money, context);
    rows.push(pair(line.name, money(line.grossMinor), detail ? { detail } : {}));
    if (line.discount && line.lineDiscountMinor !== 0)
      rows.push(pair(`  ${discountLabel(line.discount, 'Discount', context)}`, money(-line.lineDiscountMinor)));
  }
  const { totals } = sale;
  rows.push(rule(), pair('Subtotal', money(totals.subtotalMinor)));
  const saleDiscount = sale.lines.reduce((sum, line) => sum + line.saleDiscountShareMinor, 0);
  if (sale.saleDiscount && saleDiscount !== 0)
    rows.push(pair(discountLabel(sale.saleDiscount, 'Sale discount', context), money(-saleDiscount)));
  if (totals.discountMinor !== 0) rows.push(pair('You saved', money(totals.discountMinor)));
  if (totals.taxMode === 'exclusive') rows.push(pair('Tax', money(totals.taxMinor)));
  rows.push(pair('Total', money(totals.totalMinor), { emphasis: true }), rule(), ...tenderRows(sale.payments, money));
  rows.push(...taxRows(totals.taxBreakdown, totals.taxMode === 'inclusive' ? 'Tax included' : 'Tax added', money, context));
  if (sale.status === 'voided') rows.push(rule(), text('This sale was voided.', { emphasis: true }));
  return rows;
}

function completed(sale: SaleView): NonNullable<SaleView['receipt']> {
  if (!sale.receipt) throw new Error('Only a completed sale has a receipt');
  return sale.receipt;
}

function refundRows(refund: RefundView, original: SaleView, money: Money, context: ReceiptContext): ReceiptRow[] {
  const originalLines = new Map(original.lines.map((line) => [line.lineId, line]));
  const payments = new Map(original.payments.map((payment) => [payment.paymentId, payment]));
  const rows: ReceiptRow[] = [pair('Original receipt', refund.originalReceiptNumber), rule()];
  for (const line of refund.lines) {
    const sold = originalLines.get(line.lineId);
    const detail =
      sold?.soldBy === 'weight' ? formatGrams(line.quantity, context.locale) : line.quantity > 1 ? `${line.quantity} ×` : undefined;
    rows.push(pair(line.name, money(-line.amountMinor), detail ? { detail } : {}));
  }
  rows.push(rule(), pair('Refund total', money(-refund.totalMinor), { emphasis: true }), rule());
  for (const tender of refund.tenders) {
    const card = payments.get(tender.originalPaymentId)?.card;
    rows.push(pair(tender.method === 'card' && card ? `Back to card ${cardLabel(card)}` : 'Cash back', money(tender.amountMinor)));
    if (tender.roundingMinor !== 0) rows.push(pair('Cash rounding', money(tender.roundingMinor)));
  }
  rows.push(...taxRows(refund.taxBreakdown, 'Tax refunded', money, context), rule(), text(`Reason: ${refund.reason}`));
  if (refund.approverId) rows.push(text('Approved by a manager'));
  return rows;
}

function voidRows(voided: VoidView, original: SaleView, money: Money, context: ReceiptContext): ReceiptRow[] {
  const rows: ReceiptRow[] = [pair('Original receipt', voided.originalReceiptNumber), rule(), text('Voided items')];
  for (const line of original.lines) {
    rows.push(pair(line.name, line.soldBy === 'weight' ? formatGrams(line.quantity, context.locale) : `× ${line.quantity}`));
  }
  rows.push(rule(), pair('Voided total', money(-voided.totalMinor), { emphasis: true }), rule());
  for (const payment of taken(original.payments)) {
    rows.push(
      pair(payment.method === 'card' && payment.card ? `Back to card ${cardLabel(payment.card)}` : 'Cash back', money(payment.amountMinor)),
    );
  }
  rows.push(rule(), text(`Reason: ${voided.reason}`));
  if (voided.approverId) rows.push(text('Approved by a manager'));
  return rows;
}

const TITLES = { sale: 'Receipt', refund: 'Refund', void: 'Void' } as const;

/** The receipt of a sale, refund or void; every copy after the first is a reprint and says so. */
export function receiptDocument(stored: StoredReceipt, context: ReceiptContext, copy: Copy): ReceiptDocument {
  const { record } = stored;
  const title = TITLES[record.kind];
  let body: ReceiptRow[];
  let at: string;
  if (record.kind === 'sale') {
    at = completed(record.sale).completedAt;
    body = saleRows(record.sale, moneyFormatter(record.sale.totals.currency, context), context);
  } else if (record.kind === 'refund') {
    at = record.refund.receipt.completedAt;
    body = refundRows(record.refund, record.original, moneyFormatter(record.refund.currency, context), context);
  } else {
    at = record.void.receipt.completedAt;
    body = voidRows(record.void, record.original, moneyFormatter(record.void.currency, context), context);
  }
  // Not parsed again here: the row helpers clip every string and set every default, and the IPC answer
  // is checked against receiptDocumentSchema on its way out; parsing it twice was a third of its cost.
  return {
    kind: record.kind,
    receiptNumber: stored.receiptNumber,
    title,
    copy,
    rows: [
      ...header(context, copy, title.toUpperCase()),
      ...body,
      ...footer(context, { receiptNumber: stored.receiptNumber, staffName: stored.staffName, at }),
    ],
    barcode: stored.receiptNumber,
  };
}
