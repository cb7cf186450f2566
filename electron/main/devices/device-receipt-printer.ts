import type { DeviceSettings } from '../../../shared/domain/devices';
import type { ReceiptDocument } from '../../../shared/domain/receipt';
import { AppError } from '../../../shared/ipc/errors';
import type { DeviceMonitor } from './device-monitor';
import type { EscPosPrinter, PrintJobResult } from './escpos/escpos-printer';
import { PRINTER_STATE_MESSAGES } from './escpos/printer-status';
import { receiptBytes } from './escpos/receipt-bytes';
import { isEscPos } from './links/printer-links';
import type { PrintJobs, PrintPurpose } from './print-jobs';
import type { ReceiptPrinter } from './receipt-printer';

/** The cashier's words for a receipt that did not come out whole. The sale itself is never in question. */
export function printFailureMessage(result: Extract<PrintJobResult, { ok: false }>, what: string): string {
  const cause = PRINTER_STATE_MESSAGES[result.state];
  return result.partial
    ? `The ${what} may be incomplete. ${cause} Nothing is lost: print it again or save a PDF.`
    : `The ${what} did not print. ${cause} Nothing is lost: print it again or save a PDF.`;
}

const purposeOf = (doc: ReceiptDocument): PrintPurpose => (doc.kind === 'z_report' || doc.kind === 'x_report' ? 'report' : doc.copy);

/**
 * Where receipts go by the terminal's printer setting: the host's OS dialog, an ESC/POS printer
 * (the document encoded to bytes), or nowhere. PDFs are always the host's.
 */
export function deviceReceiptPrinter(deps: {
  settings: () => DeviceSettings;
  host: ReceiptPrinter;
  escpos: EscPosPrinter;
  jobs: PrintJobs;
  monitor: DeviceMonitor;
}): ReceiptPrinter {
  return {
    savePdf: (html, fileName) => deps.host.savePdf(html, fileName),
    print: async (html, fileName, doc) => {
      const printer = deps.settings().printer;
      if (printer.connection === 'os_dialog') return deps.host.print(html, fileName);
      if (!isEscPos(printer.connection) || !doc)
        throw new AppError('unavailable', 'No receipt printer is set up on this terminal: save a PDF instead.');
      let jobId: number | null = null;
      const result = await deps.escpos.send(receiptBytes(doc, printer), {
        onFirstWrite: () => (jobId = deps.jobs.started(doc.receiptNumber, purposeOf(doc))),
      });
      if (jobId !== null) deps.jobs.finished(jobId, result.ok ? 'printed' : 'failed', result.state);
      if (!result.ok) {
        const message = printFailureMessage(result, doc.kind === 'z_report' || doc.kind === 'x_report' ? 'report' : 'receipt');
        deps.monitor.report({ device: 'printer', outcome: 'failed', message, target: doc.receiptNumber });
        throw new AppError('unavailable', message);
      }
      return { outcome: 'printed', fileName: null };
    },
  };
}
