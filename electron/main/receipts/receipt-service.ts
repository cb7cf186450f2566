import type { PrintOutcome, ReceiptDocument } from '../../../shared/domain/receipt';
import type { SaleView } from '../../../shared/domain/sale';
import type { Settings } from '../../../shared/domain/settings';
import { AppError } from '../../../shared/ipc/errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { ReceiptPrinter } from '../devices/receipt-printer';
import { receiptDocument } from './receipt-document';
import { receiptHtml } from './receipt-html';
import type { ReceiptContext } from './receipt-rows';
import type { ReceiptSource, StoredReceipt } from '../ledger/receipt-source';
import { shiftReportDocument } from './shift-report-document';

export type ReceiptOutput = 'print' | 'pdf';

export interface ReceiptServiceDeps {
  source: ReceiptSource;
  printer: ReceiptPrinter;
  audit: Pick<AuditTrail, 'record' | 'has'>;
  settings: () => Pick<Settings, 'store' | 'terminal'>;
  staffName: (staffId: string) => string;
  now: () => Date;
  /** The printout's locale and time zone; the machine's own when absent. */
  locale?: string;
  timeZone?: string;
}

/**
 * Receipts on paper and as PDF. The first copy of each output (paper, PDF) is the original and can be
 * made once; every later copy is a reprint, which needs `read:reports` or a manager and is audited.
 */
/** How long after a sale, refund or void its first copy may still be made as the original. */
export const ORIGINAL_WINDOW_MS = 15 * 60_000;

function completedAtOf(stored: StoredReceipt): string {
  const { record } = stored;
  if (record.kind === 'sale') return record.sale.receipt?.completedAt ?? new Date(0).toISOString();
  return record.kind === 'refund' ? record.refund.receipt.completedAt : record.void.receipt.completedAt;
}

export class ReceiptService {
  /** Outputs under way, so a double click cannot make two "first" copies while the dialog is open. */
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: ReceiptServiceDeps) {}

  private context(): ReceiptContext {
    const { store, terminal } = this.deps.settings();
    return {
      store: { name: store.name, address: store.address },
      terminal: { id: terminal.id, name: terminal.name },
      ...(this.deps.locale ? { locale: this.deps.locale } : {}),
      ...(this.deps.timeZone ? { timeZone: this.deps.timeZone } : {}),
    };
  }

  private find(receiptNumber: string): StoredReceipt {
    const stored = this.deps.source.find(receiptNumber);
    if (!stored) throw new AppError('not_found', 'No receipt with that number on this terminal.');
    return stored;
  }

  /** As a copy would print now: a reprint once any copy went out. */
  get(receiptNumber: string): ReceiptDocument {
    const stored = this.find(receiptNumber);
    return receiptDocument(stored, this.context(), stored.printedAt || stored.savedAt ? 'reprint' : 'original');
  }

  /** The first copy of a sale completed a moment ago, from its view at hand rather than read back. */
  ofCompletedSale(sale: SaleView, receiptNumber: string, staffId: string): ReceiptDocument {
    return receiptDocument(this.deps.source.justCompleted(sale, receiptNumber, staffId), this.context(), 'original');
  }

  async output(receiptNumber: string, output: ReceiptOutput, actorId: string | null): Promise<PrintOutcome> {
    const key = `${receiptNumber}\u0000${output}`;
    const stored = this.find(receiptNumber);
    if ((output === 'print' ? stored.printedAt : stored.savedAt) || this.inFlight.has(key)) {
      throw new AppError('conflict', 'The first copy was already made: ask for a reprint.');
    }
    // The original is for the customer at the till: an old receipt never printed is still a reprint,
    // or anyone could hand out "originals" of past sales.
    if (this.deps.now().getTime() - Date.parse(completedAtOf(stored)) > ORIGINAL_WINDOW_MS) {
      throw new AppError('conflict', 'That sale is not the one just made: ask for a reprint.');
    }
    this.inFlight.add(key);
    try {
      const result = await this.send(receiptDocument(stored, this.context(), 'original'), output, `${stored.receiptNumber}.pdf`);
      if (result.outcome !== 'cancelled') {
        this.deps.source.markOutput(stored.receiptNumber, output, this.deps.now());
        this.deps.audit.record({
          action: 'receipt.printed',
          actorId,
          target: stored.receiptNumber,
          details: { output, fileName: result.fileName },
        });
      }
      return result;
    } finally {
      this.inFlight.delete(key);
    }
  }

  async reprint(receiptNumber: string, output: ReceiptOutput, who: { actorId: string | null; approverId?: string }): Promise<PrintOutcome> {
    const stored = this.find(receiptNumber);
    const result = await this.send(receiptDocument(stored, this.context(), 'reprint'), output, `${stored.receiptNumber}-reprint.pdf`);
    if (result.outcome !== 'cancelled') {
      this.deps.audit.record({
        action: 'receipt.reprinted',
        actorId: who.actorId,
        ...(who.approverId ? { approverId: who.approverId } : {}),
        target: stored.receiptNumber,
        details: { output, fileName: result.fileName },
      });
    }
    return result;
  }

  /** A closed shift's Z report, as the shift closed: the first copy is the original, any later one a reprint. */
  async shiftReport(shiftId: string, output: ReceiptOutput, actorId: string | null): Promise<PrintOutcome> {
    const report = this.deps.source.closedShiftReport(shiftId);
    if (!report) throw new AppError('not_found', 'No closed shift with that id on this terminal.');
    const copy = this.deps.audit.has('report.printed', `shift:${shiftId}`) ? 'reprint' : 'original';
    const doc = shiftReportDocument(report, this.reportContext(actorId), copy);
    const result = await this.send(doc, output, `Z-report-${shiftId}.pdf`);
    if (result.outcome !== 'cancelled') {
      this.deps.audit.record({
        action: 'report.printed',
        actorId,
        target: `shift:${shiftId}`,
        details: { kind: report.kind, output, copy },
      });
    }
    return result;
  }

  private reportContext(actorId: string | null) {
    return {
      ...this.context(),
      staffName: this.deps.staffName,
      printedBy: actorId ? this.deps.staffName(actorId) : '',
      printedAt: this.deps.now(),
    };
  }

  private send(doc: ReceiptDocument, output: ReceiptOutput, fileName: string): Promise<PrintOutcome> {
    const html = receiptHtml(doc);
    return output === 'print' ? this.deps.printer.print(html, fileName, doc) : this.deps.printer.savePdf(html, fileName);
  }
}
