import { required } from '../../../shared/required';
import type { VoidView } from '../../../shared/domain/refund';
import { AppError } from '../../../shared/ipc/errors';
import type { ShiftRepository } from '../ledger/shift-repository';
import { writeTransaction } from '../storage/transaction';
import { transactionItem } from '../ledger/transaction-item';
import type { RefundRepository } from '../ledger/refund-repository';
import type { CashDrawer } from '../devices/cash-drawer';
import type { RecordingDeps } from '../ledger/register-deps';
import type { SaleRepository } from '../ledger/sale-repository';
import type { SalesLedger } from '../ledger/sales-ledger';

export interface VoidDeps extends RecordingDeps {
  sales: SaleRepository;
  refunds: RefundRepository;
  shifts: ShiftRepository;
  ledger: SalesLedger;
  drawer: CashDrawer;
}

/**
 * Cancels a completed sale of the current shift in full: a new, numbered void record that points at
 * it; the sale's own rows stay as they were, only its status says it was voided.
 */
export class VoidService {
  constructor(private readonly deps: VoidDeps) {}

  void(request: { voidId: string; saleId: string; reason: string }, staffId: string, approverId: string | null): VoidView {
    const result = writeTransaction(this.deps.db, (tx) => {
      const earlier = this.deps.refunds.voidById(request.voidId);
      if (earlier) {
        if (earlier.sale_id !== request.saleId) throw new AppError('conflict', 'That void id was used for another sale.');
        return { view: this.deps.ledger.voidView(earlier), cash: false };
      }
      const sale = this.deps.ledger.sale(request.saleId);
      if (!sale?.receipt) throw new AppError('not_found', 'That sale does not exist on this terminal.');
      if (sale.status === 'voided') throw new AppError('conflict', 'That sale was already voided.');
      const shift = this.deps.shifts.current();
      const doc = required(this.deps.sales.documentByRef(sale.saleId), 'document');
      if (!shift || doc.shift_id !== shift.shiftId)
        throw new AppError('conflict', 'Only sales of the current shift can be voided: refund it instead.');
      if (this.deps.refunds.refundsOfSale(sale.saleId).length > 0)
        throw new AppError('conflict', 'Part of that sale was refunded: refund the rest instead.');

      const at = this.deps.now().toISOString();
      const voidDoc = this.deps.sales.addDocument(tx, {
        kind: 'void',
        refId: request.voidId,
        shiftId: shift.shiftId,
        staffId,
        at,
        terminalId: this.deps.terminalId,
      });
      this.deps.sales.markVoided(tx, sale.saleId, at);
      const totalMinor = sale.totals.totalMinor;
      this.deps.refunds.addVoid(tx, {
        id: request.voidId,
        saleId: sale.saleId,
        shiftId: shift.shiftId,
        staffId,
        approverId,
        reason: request.reason,
        totalMinor,
        at,
      });
      const view = this.deps.ledger.voidView(required(this.deps.refunds.voidById(request.voidId), 'void'));
      this.deps.audit.record({
        action: 'sale.voided',
        actorId: staffId,
        ...(approverId ? { approverId } : {}),
        target: sale.saleId,
        amount: { minor: totalMinor, currency: sale.totals.currency },
        details: { voidId: request.voidId, receiptNumber: voidDoc.receipt_number, reason: request.reason },
      });
      const cash = sale.payments.some((p) => p.method === 'cash');
      if (cash) this.deps.audit.record({ action: 'drawer.opened', actorId: staffId, target: request.voidId, details: { reason: 'void' } });
      this.deps.outbox.enqueue(
        tx,
        transactionItem({
          type: 'void',
          clientId: request.voidId,
          terminalSequence: voidDoc.seq,
          occurredAt: at,
          currency: sale.totals.currency,
          totalMinor,
          body: view,
        }),
      );
      return { view, cash };
    });
    if (result.cash) void this.deps.drawer.open('void');
    return result.view;
  }
}
