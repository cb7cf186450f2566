import type { PrintOutcome } from '../../shared/domain/receipt';
import type { SaleView } from '../../shared/domain/sale';
import type { ShiftReport } from '../../shared/domain/shift';
import { printFailed, type ReceiptPrinter } from '../../electron/main/devices/receipt-printer';
import type { ReceiptSource, StoredReceipt } from '../../electron/main/ledger/receipt-source';

/** The sales area's records, in memory: what the integrator's ReceiptSource answers, for unit tests. */
export class MemoryReceiptSource implements ReceiptSource {
  readonly receipts = new Map<string, StoredReceipt>();
  readonly shifts = new Map<string, ShiftReport>();

  constructor(receipts: StoredReceipt[] = [], reports: ShiftReport[] = []) {
    for (const r of receipts) this.receipts.set(r.receiptNumber, structuredClone(r));
    for (const s of reports) this.shifts.set(s.shiftId, s);
  }

  find(receiptNumber: string): StoredReceipt | null {
    const found = this.receipts.get(receiptNumber);
    return found ? structuredClone(found) : null;
  }

  justCompleted(sale: SaleView, receiptNumber: string, staffId: string): StoredReceipt {
    return { receiptNumber, staffName: staffId, printedAt: null, savedAt: null, record: { kind: 'sale', sale } };
  }

  markOutput(receiptNumber: string, output: 'print' | 'pdf', at: Date): void {
    const found = this.receipts.get(receiptNumber);
    if (!found) throw new Error('no such receipt');
    if (output === 'print') found.printedAt ??= at.toISOString();
    else found.savedAt ??= at.toISOString();
  }

  closedShiftReport(shiftId: string): ShiftReport | null {
    return this.shifts.get(shiftId) ?? null;
  }
}

export interface PrintJob {
  kind: 'print' | 'pdf';
  html: string;
  fileName: string;
}

/** Records each job and answers as told: printed, cancelled, a failure, or after a delay. */
export class RecordingPrinter implements ReceiptPrinter {
  readonly jobs: PrintJob[] = [];
  next: 'ok' | 'cancel' | 'fail' = 'ok';
  delay: Promise<void> | null = null;

  private async answer(job: PrintJob, done: PrintOutcome): Promise<PrintOutcome> {
    this.jobs.push(job);
    if (this.delay) await this.delay;
    if (this.next === 'fail') throw printFailed();
    if (this.next === 'cancel') return { outcome: 'cancelled', fileName: null };
    return done;
  }

  print(html: string, fileName: string): Promise<PrintOutcome> {
    return this.answer({ kind: 'print', html, fileName }, { outcome: 'printed', fileName: null });
  }

  savePdf(html: string, fileName: string): Promise<PrintOutcome> {
    return this.answer({ kind: 'pdf', html, fileName }, { outcome: 'saved', fileName });
  }
}
