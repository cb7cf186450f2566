import { required } from '../../../shared/required';
import type { RefundView, VoidView } from '../../../shared/domain/refund';
import type { PaymentMethod, SaleView } from '../../../shared/domain/sale';
import type { ReceiptSource, StoredReceipt } from './receipt-source';
import type { ShiftView } from '../../../shared/domain/shift';
import type { ShiftRepository } from './shift-repository';
import type { Db } from '../storage/db';
import type { RefundRepository, VoidRow } from './refund-repository';
import type { DocumentRow, SaleRepository } from './sale-repository';
import { buildSaleView } from './sale-view';

/** Everything that happened in one shift, as the shift report reads it. */
export interface ShiftActivity {
  shift: ShiftView;
  /** Sales completed in the shift, including those later voided. */
  sales: SaleView[];
  refunds: RefundView[];
  voids: VoidView[];
  movements: { kind: 'paid_in' | 'paid_out'; amountMinor: number }[];
  /** Money taken in the shift for card payments declined after forwarding. */
  settlements: { method: PaymentMethod; amountMinor: number }[];
}

export interface LedgerDeps {
  db: Db;
  sales: SaleRepository;
  refunds: RefundRepository;
  shifts: ShiftRepository;
  cashRoundingMinor: () => number;
  staffName: (staffId: string) => string;
}

/**
 * The register's completed records, read back: numbered documents by receipt number, and
 * everything of one shift for its X and Z reports. It is also what receipts print from.
 */
export class SalesLedger implements ReceiptSource {
  private readonly shiftSales;
  private readonly shiftMovements;
  private readonly pruned;

  constructor(private readonly deps: LedgerDeps) {
    this.shiftSales = deps.db.prepare(
      "SELECT s.* FROM sales s JOIN documents d ON d.ref_id = s.id AND d.kind = 'sale' WHERE d.shift_id = ? ORDER BY d.seq",
    );
    this.pruned = deps.db.prepare('SELECT 1 FROM sale_details_pruned WHERE sale_id = ?');
    this.shiftMovements = deps.db.prepare(
      'SELECT kind, amount_minor AS amountMinor FROM cash_movements WHERE shift_id = ? ORDER BY at, rowid',
    );
  }

  /** Null too once retention pruned the sale's details: what is left cannot make a true view. */
  sale(saleId: string): SaleView | null {
    if (this.pruned.get(saleId)) return null;
    const row = this.deps.sales.get(saleId);
    return row ? buildSaleView(this.deps.sales, row, this.deps.cashRoundingMinor()) : null;
  }

  voidView(row: VoidRow): VoidView {
    const doc = required(this.deps.sales.documentByRef(row.id), 'document');
    const original = required(this.deps.sales.documentByRef(row.sale_id), 'document');
    const sale = this.deps.sales.existing(row.sale_id);
    return {
      voidId: row.id,
      saleId: row.sale_id,
      originalReceiptNumber: original.receipt_number,
      staffId: row.staff_id,
      approverId: row.approver_id,
      reason: row.reason,
      currency: sale.currency,
      totalMinor: row.total_minor,
      receipt: { sequence: doc.seq, receiptNumber: doc.receipt_number, completedAt: doc.completed_at },
    };
  }

  private storedReceipt(doc: DocumentRow): StoredReceipt | null {
    const base = {
      receiptNumber: doc.receipt_number,
      staffName: this.deps.staffName(doc.staff_id),
      printedAt: doc.printed_at,
      savedAt: doc.saved_at,
    };
    switch (doc.kind) {
      case 'sale': {
        const sale = this.sale(doc.ref_id);
        return sale ? { ...base, record: { kind: 'sale', sale } } : null;
      }
      case 'refund': {
        const refund = this.deps.refunds.refund(doc.ref_id);
        const original = refund && this.sale(refund.originalSaleId);
        return refund && original ? { ...base, record: { kind: 'refund', refund, original } } : null;
      }
      case 'void': {
        const row = this.deps.refunds.voidById(doc.ref_id);
        const original = row && this.sale(row.sale_id);
        return row && original ? { ...base, record: { kind: 'void', void: this.voidView(row), original } } : null;
      }
    }
  }

  justCompleted(sale: SaleView, receiptNumber: string, staffId: string): StoredReceipt {
    return { receiptNumber, staffName: this.deps.staffName(staffId), printedAt: null, savedAt: null, record: { kind: 'sale', sale } };
  }

  find(receiptNumber: string): StoredReceipt | null {
    const doc = this.deps.sales.documentByNumber(receiptNumber);
    return doc ? this.storedReceipt(doc) : null;
  }

  markOutput(receiptNumber: string, output: 'print' | 'pdf', at: Date): void {
    this.deps.sales.markOutput(receiptNumber, output, at.toISOString());
  }

  closedShiftReport(shiftId: string) {
    return this.deps.shifts.closedReport(shiftId);
  }

  activity(shiftId: string): ShiftActivity {
    const shift = this.deps.shifts.get(shiftId);
    if (!shift) throw new Error('unknown shift');
    const read = this.deps.db.transaction(() => ({
      shift,
      sales: (this.shiftSales.all(shiftId) as Parameters<typeof buildSaleView>[1][]).map((row) =>
        buildSaleView(this.deps.sales, row, this.deps.cashRoundingMinor()),
      ),
      refunds: this.deps.refunds.refundsOfShift(shiftId),
      voids: this.deps.refunds.voidsOfShift(shiftId).map((row) => this.voidView(row)),
      movements: this.shiftMovements.all(shiftId) as ShiftActivity['movements'],
      settlements: this.deps.shifts.settlementsOf(shiftId),
    }));
    return read.deferred();
  }
}
