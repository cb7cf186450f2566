import { required } from '../../../shared/required';
import type { RefundableSale, RefundRequest, RefundView } from '../../../shared/domain/refund';
import type { SaleLine, SaleView, TaxBreakdown } from '../../../shared/domain/sale';
import { AppError } from '../../../shared/ipc/errors';
import type { ShiftRepository } from '../ledger/shift-repository';
import { writeTransaction } from '../storage/transaction';
import { transactionItem } from '../ledger/transaction-item';
import { linePayable } from '../ledger/pricing';
import type { RefundRepository } from '../ledger/refund-repository';
import type { CashDrawer } from '../devices/cash-drawer';
import type { RecordingDeps } from '../ledger/register-deps';
import { mulDivHalfUp } from '../ledger/rounding';
import type { SaleRepository } from '../ledger/sale-repository';
import type { SalesLedger } from '../ledger/sales-ledger';
import { settles } from '../ledger/sale-view';
import { refundShareOf, splitRefund, type RefundRoom } from '../../../shared/domain/refund-split';

export interface RefundDeps extends RecordingDeps {
  sales: SaleRepository;
  refunds: RefundRepository;
  shifts: ShiftRepository;
  ledger: SalesLedger;
  drawer: CashDrawer;
}

/**
 * The share of a line's amount that `from`..`to` of its `quantity` units carry. Shares are taken as
 * differences of running totals, so refunding a line in any number of parts returns exactly its amount.
 */
const shareOf = (amount: number, from: number, to: number, quantity: number) =>
  mulDivHalfUp(amount, to, quantity) - mulDivHalfUp(amount, from, quantity);

function refundable(line: SaleLine, alreadyRefunded: number, mode: SaleView['totals']['taxMode']) {
  const quantity = line.quantity - alreadyRefunded;
  const net = shareOf(line.netMinor, alreadyRefunded, line.quantity, line.quantity);
  const tax = shareOf(line.taxMinor, alreadyRefunded, line.quantity, line.quantity);
  return { quantity, amountMinor: linePayable({ netMinor: net, taxMinor: tax }, mode) };
}

export class RefundService {
  constructor(private readonly deps: RefundDeps) {}

  /** An original sale by receipt number, with what may still be refunded of each line. */
  lookup(receiptNumber: string): RefundableSale {
    const doc = this.deps.sales.documentByNumber(receiptNumber);
    if (!doc || doc.kind !== 'sale') throw new AppError('not_found', `No sale with receipt number ${receiptNumber} on this terminal.`);
    const sale = required(this.deps.ledger.sale(doc.ref_id), 'sale');
    const done = this.deps.refunds.refundedQuantities(sale.saleId);
    return {
      sale,
      voided: sale.status === 'voided',
      refundable: sale.lines.map((line) => ({ lineId: line.lineId, ...refundable(line, done.get(line.lineId) ?? 0, sale.totals.taxMode) })),
      tenders: this.rooms(sale),
      cashRoundingMinor: this.deps.settings().store.cashRoundingMinor,
    };
  }

  issue(request: RefundRequest, staffId: string, approverId: string | null): RefundView {
    const result = writeTransaction(this.deps.db, (tx) => {
      const earlier = this.deps.refunds.refund(request.refundId);
      if (earlier) {
        if (earlier.originalSaleId !== request.originalSaleId) throw new AppError('conflict', 'That refund id was used for another sale.');
        return { refund: earlier, fresh: false };
      }
      const shift = this.deps.shifts.current();
      if (!shift) throw new AppError('conflict', 'Open a shift before refunding.');
      const sale = this.deps.ledger.sale(request.originalSaleId);
      if (!sale?.receipt) throw new AppError('not_found', 'That sale does not exist on this terminal.');
      if (sale.status === 'voided') throw new AppError('conflict', 'That sale was voided: there is nothing to refund.');
      if (sale.totals.currency !== shift.currency)
        throw new AppError('conflict', `That sale was in ${sale.totals.currency}; this shift is in ${shift.currency}.`);
      const done = this.deps.refunds.refundedQuantities(sale.saleId);
      const mode = sale.totals.taxMode;

      const lines = request.lines.map((wanted) => {
        const line = sale.lines.find((l) => l.lineId === wanted.lineId);
        if (!line) throw new AppError('not_found', 'A line to refund is not on that sale.');
        const before = done.get(line.lineId) ?? 0;
        if (before + wanted.quantity > line.quantity) {
          throw new AppError('conflict', `${line.name}: only ${line.quantity - before} of ${line.quantity} can still be refunded.`);
        }
        const net = shareOf(line.netMinor, before, before + wanted.quantity, line.quantity);
        const tax = shareOf(line.taxMinor, before, before + wanted.quantity, line.quantity);
        return { line, quantity: wanted.quantity, net, tax, amountMinor: linePayable({ netMinor: net, taxMinor: tax }, mode) };
      });
      const totalMinor = lines.reduce((sum, l) => sum + l.amountMinor, 0);
      const at = this.deps.now().toISOString();
      const doc = this.deps.sales.addDocument(tx, {
        kind: 'refund',
        refId: request.refundId,
        shiftId: shift.shiftId,
        staffId,
        at,
        terminalId: this.deps.terminalId,
      });
      const refund: RefundView = {
        refundId: request.refundId,
        originalSaleId: sale.saleId,
        originalReceiptNumber: sale.receipt.receiptNumber,
        staffId,
        approverId,
        reason: request.reason,
        currency: sale.totals.currency,
        lines: lines.map((l) => ({
          lineId: l.line.lineId,
          name: l.line.name,
          quantity: l.quantity,
          amountMinor: l.amountMinor,
          taxMinor: l.tax,
        })),
        totalMinor,
        taxMinor: lines.reduce((sum, l) => sum + l.tax, 0),
        taxBreakdown: breakdown(
          lines.map((l) => ({ rateBp: l.line.taxRateBp, net: l.net, tax: l.tax })),
          mode,
        ),
        tenders: this.backToOriginalTenders(sale, totalMinor),
        receipt: { sequence: doc.seq, receiptNumber: doc.receipt_number, completedAt: at },
      };
      this.deps.refunds.addRefund(tx, shift.shiftId, refund, at);
      this.deps.audit.record({
        action: 'refund.issued',
        actorId: staffId,
        ...(approverId ? { approverId } : {}),
        target: sale.saleId,
        amount: { minor: totalMinor, currency: refund.currency },
        details: { refundId: refund.refundId, receiptNumber: doc.receipt_number, reason: request.reason },
      });
      if (opensDrawer(refund))
        this.deps.audit.record({ action: 'drawer.opened', actorId: staffId, target: refund.refundId, details: { reason: 'refund' } });
      this.deps.outbox.enqueue(
        tx,
        transactionItem({
          type: 'refund',
          clientId: refund.refundId,
          terminalSequence: doc.seq,
          occurredAt: at,
          currency: refund.currency,
          totalMinor,
          body: refund,
        }),
      );
      return { refund, fresh: true };
    });
    if (result.fresh && opensDrawer(result.refund)) void this.deps.drawer.open('refund');
    return result.refund;
  }

  /**
   * What each tender of the sale can still get back, cards first: what it settled (cash without its
   * rounding) less earlier refunds. A card declined after forwarding paid nothing and gets nothing.
   */
  private rooms(sale: SaleView): RefundRoom[] {
    const given = new Map<string, number>();
    for (const earlier of this.deps.refunds.refundsOfSale(sale.saleId)) {
      for (const t of earlier.tenders) given.set(t.originalPaymentId, (given.get(t.originalPaymentId) ?? 0) + refundShareOf(t));
    }
    const taken = sale.payments.filter((p) => p.status !== 'declined');
    return [...taken.filter((p) => p.method === 'card'), ...taken.filter((p) => p.method === 'cash')].map((p) => ({
      paymentId: p.paymentId,
      method: p.method,
      roomMinor: Math.max(0, settles(p) - (given.get(p.paymentId) ?? 0)),
    }));
  }

  /** Back the way the money came (shared/domain/refund-split.ts), the cash part by the store's cash rounding. */
  private backToOriginalTenders(sale: SaleView, totalMinor: number): RefundView['tenders'] {
    const { tenders, leftMinor } = splitRefund(totalMinor, this.rooms(sale), this.deps.settings().store.cashRoundingMinor);
    if (leftMinor > 0) {
      const declined = sale.payments.some((p) => p.status === 'declined');
      throw new AppError(
        'conflict',
        declined
          ? 'A card on this sale was declined after the sale: refund at most what was taken, and settle the rest on the Attention screen.'
          : 'That would refund more than was paid for this sale.',
      );
    }
    return tenders;
  }
}

/** Cash goes back through the drawer, unless the cash part rounded to nothing. */
const opensDrawer = (refund: RefundView) => refund.tenders.some((t) => t.method === 'cash' && t.amountMinor > 0);

function breakdown(parts: { rateBp: number; net: number; tax: number }[], mode: SaleView['totals']['taxMode']): TaxBreakdown {
  const byRate = new Map<number, { net: number; tax: number }>();
  for (const p of parts) {
    const entry = byRate.get(p.rateBp) ?? { net: 0, tax: 0 };
    byRate.set(p.rateBp, { net: entry.net + p.net, tax: entry.tax + p.tax });
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBp, { net, tax }]) =>
      mode === 'inclusive'
        ? { rateBp, netMinor: net - tax, taxMinor: tax, grossMinor: net }
        : { rateBp, netMinor: net, taxMinor: tax, grossMinor: net + tax },
    );
}
