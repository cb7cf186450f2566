import type { RefundView, VoidView } from '../../../shared/domain/refund';
import type { SaleView } from '../../../shared/domain/sale';
import type { ShiftReport } from '../../../shared/domain/shift';

/** Refunds and voids come with the original sale: its lines say what was weighed, its payments where money went back. */
export type ReceiptRecord =
  | { kind: 'sale'; sale: SaleView }
  | { kind: 'refund'; refund: RefundView; original: SaleView }
  | { kind: 'void'; void: VoidView; original: SaleView };

export interface StoredReceipt {
  record: ReceiptRecord;
  receiptNumber: string;
  staffName: string;
  /** When its first copy went to paper or to PDF; every later one is a reprint. */
  printedAt: string | null;
  savedAt: string | null;
}

/** What receipts need of the register's records (implemented by the sales area). */
export interface ReceiptSource {
  find(receiptNumber: string): StoredReceipt | null;
  /** A sale completed a moment ago by `staffId`, from its view at hand: no copy has gone out yet. */
  justCompleted(sale: SaleView, receiptNumber: string, staffId: string): StoredReceipt;
  markOutput(receiptNumber: string, output: 'print' | 'pdf', at: Date): void;
  /** A closed shift's Z report, as it was when the shift closed. */
  closedShiftReport(shiftId: string): ShiftReport | null;
}
