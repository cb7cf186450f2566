import { required } from '../../../shared/required';
import type { ReceiptDocument } from '../../../shared/domain/receipt';
import type { SaleView } from '../../../shared/domain/sale';
import { AppError } from '../../../shared/ipc/errors';
import type { ShiftRepository } from '../ledger/shift-repository';
import { writeTransaction, type Tx } from '../storage/transaction';
import { writeMark } from '../storage/write-mark';
import { transactionItem } from '../ledger/transaction-item';
import type { CashDrawer } from '../devices/cash-drawer';
import type { RecordingDeps } from '../ledger/register-deps';
import type { SaleRepository, SaleRow } from '../ledger/sale-repository';
import { buildSaleView, withPayment } from '../ledger/sale-view';
import type { Tender } from './tender';
import type { LastCartView } from './last-cart-view';
import type { TendersInFlight } from './tenders-in-flight';

/** The receipts area's queue of receipts printed by themselves: added to in the sale's transaction, woken after. */
export interface ReceiptsDue {
  add(tx: Tx, receiptNumber: string, staffId: string): void;
  wake(): void;
}

export interface CheckoutDeps extends RecordingDeps {
  sales: SaleRepository;
  shifts: ShiftRepository;
  drawer: CashDrawer;
  /** Shared with the cart: a sale whose tender is in flight takes no changes. */
  inFlight: TendersInFlight;
  /** Shared with the cart: the sale as the last scan left it, while nothing was written since. */
  lastView?: LastCartView;
  /** The printable receipt of a completed document (the receipts area builds it). */
  receiptDocument: (receiptNumber: string) => ReceiptDocument | null;
  /** The receipt of a sale this tender just completed (its view is at hand: no second read). */
  completedReceipt: (sale: SaleView, receiptNumber: string, staffId: string) => ReceiptDocument;
  receiptsDue?: ReceiptsDue;
}

export interface TenderResult {
  sale: SaleView;
  changeMinor: number;
  receipt: ReceiptDocument | null;
}

/**
 * Takes tenders against the open sale and completes it once it is paid, writing the sale's final
 * state, its payments, its number, an audit entry and its outbox entry in one transaction: after a
 * crash the sale is either whole or not completed at all.
 */
export class CheckoutService {
  constructor(private readonly deps: CheckoutDeps) {}

  private view(row: SaleRow): SaleView {
    return buildSaleView(this.deps.sales, row, this.deps.settings().store.cashRoundingMinor);
  }

  /** A tender already recorded under this payment id: answer as the first time, change nothing. */
  private replay(saleId: string, paymentId: string): TenderResult | null {
    const owner = this.deps.sales.saleOfPayment(paymentId);
    if (!owner) return null;
    if (owner !== saleId) throw new AppError('conflict', 'That payment belongs to another sale.');
    const sale = this.view(this.deps.sales.existing(saleId));
    const payment = sale.payments.find((p) => p.paymentId === paymentId);
    return {
      sale,
      changeMinor: payment?.cash?.changeMinor ?? 0,
      receipt: sale.receipt ? this.deps.receiptDocument(sale.receipt.receiptNumber) : null,
    };
  }

  // Everything checked here must live in the database: the tender skips this check again when the write mark is unchanged.
  private payable(saleId: string): { row: SaleRow; view: SaleView } {
    const row = this.deps.sales.get(saleId);
    if (!row) throw new AppError('not_found', 'That sale does not exist.');
    if (row.status !== 'open')
      throw new AppError('conflict', row.status === 'completed' ? 'This sale is already complete.' : 'This sale is not open.');
    const shift = this.deps.shifts.current();
    if (!shift || shift.shiftId !== row.shift_id) throw new AppError('conflict', 'Open a shift before selling.');
    const view = this.deps.lastView?.of(row.id, this.deps.settings().store.cashRoundingMinor) ?? this.view(row);
    if (view.lines.length === 0) throw new AppError('conflict', 'The sale is empty.');
    return { row, view };
  }

  async tender(saleId: string, paymentId: string, tender: Tender, staffId: string): Promise<TenderResult> {
    const earlier = this.replay(saleId, paymentId);
    if (earlier) return earlier;
    this.deps.inFlight.refuseChanges(saleId);
    const mark = writeMark(this.deps.db);
    const checked = this.payable(saleId);
    const { view } = checked;
    const cashRoundingMinor = this.deps.settings().store.cashRoundingMinor;
    // Frozen while the tender settles (a card may be approved by the API meanwhile): see TendersInFlight.
    const draft = await this.deps.inFlight.during(saleId, async () =>
      tender.settle({ remainingMinor: view.remainingMinor, cashRoundingMinor }),
    );

    const result = writeTransaction(this.deps.db, (tx) => {
      // The tender may have taken a while (a card reader): check again that nothing moved meanwhile,
      // unless nothing at all was written since the check (cash settles at once).
      const unchanged = writeMark(this.deps.db) === mark;
      const again = unchanged ? null : this.replay(saleId, paymentId);
      if (again) return { sale: again.sale, changeMinor: again.changeMinor, kicked: false, replayed: true, completed: false };
      const { row, view: now } = unchanged ? checked : this.payable(saleId);
      if (now.remainingMinor !== view.remainingMinor)
        throw new AppError('conflict', 'The sale changed while the payment was taken. Try again.');
      const at = this.deps.now().toISOString();
      const payment = { ...draft, paymentId, takenAt: at };
      this.deps.sales.insertPayment(tx, saleId, payment);
      tender.recordIn?.(tx, { saleId, payment });
      if (tender.opensDrawer)
        this.deps.audit.record({ action: 'drawer.opened', actorId: staffId, target: saleId, details: { reason: 'sale' } });
      const paid = withPayment(now, payment, cashRoundingMinor);
      const sale = paid.remainingMinor === 0 ? this.complete(tx, row, paid, staffId, at) : paid;
      return {
        sale,
        changeMinor: draft.cash?.changeMinor ?? 0,
        kicked: tender.opensDrawer,
        replayed: false,
        completed: sale.status === 'completed',
      };
    });
    if (result.kicked) await this.deps.drawer.open('sale');
    // After the drawer's kick is queued: the change comes out first, then the receipt.
    if (result.completed) this.deps.receiptsDue?.wake();
    const receiptNumber = result.sale.receipt?.receiptNumber ?? null;
    const receipt = !receiptNumber
      ? null
      : result.replayed
        ? this.deps.receiptDocument(receiptNumber)
        : this.deps.completedReceipt(result.sale, receiptNumber, staffId);
    return { sale: result.sale, changeMinor: result.changeMinor, receipt };
  }

  /** Numbers the paid sale and marks it completed, with its audit and outbox entries; answers its final view. */
  private complete(tx: Tx, row: SaleRow, paid: SaleView, staffId: string, at: string): SaleView {
    const doc = this.deps.sales.addDocument(tx, {
      kind: 'sale',
      refId: row.id,
      shiftId: required(row.shift_id, 'shift of an open sale'),
      staffId,
      at,
      terminalId: this.deps.terminalId,
    });
    this.deps.sales.markCompleted(tx, row.id, paid.totals.totalMinor, at);
    this.deps.receiptsDue?.add(tx, doc.receipt_number, staffId);
    const sale: SaleView = {
      ...paid,
      status: 'completed',
      receipt: { sequence: doc.seq, receiptNumber: doc.receipt_number, completedAt: doc.completed_at },
    };
    this.deps.audit.record({
      action: 'sale.completed',
      actorId: staffId,
      target: row.id,
      amount: { minor: sale.totals.totalMinor, currency: sale.totals.currency },
      details: { receiptNumber: doc.receipt_number, sequence: doc.seq, lines: sale.lines.length, payments: sale.payments.length },
    });
    this.deps.outbox.enqueue(
      tx,
      transactionItem({
        type: 'sale',
        clientId: row.id,
        terminalSequence: doc.seq,
        occurredAt: at,
        currency: sale.totals.currency,
        totalMinor: sale.totals.totalMinor,
        body: sale,
      }),
    );
    return sale;
  }

  recent(limit: number): SaleView[] {
    const shift = this.deps.shifts.current();
    if (!shift) return [];
    return this.deps.sales.recentCompleted(shift.shiftId, limit).map((row) => this.view(row));
  }
}
