import type { PrintOutcome, ReceiptDocument } from '../../../shared/domain/receipt';
import { AppError } from '../../../shared/ipc/errors';

/**
 * Where receipts go: the OS print dialog and a PDF in the receipts folder (Electron), or a PDF made
 * by real Chromium (the browser host). The page learns a PDF's file name, never its path.
 */
export interface ReceiptPrinter {
  /**
   * One receipt page (see receipt-html.ts) to paper; `cancelled` when the person closed the dialog.
   * `fileName` names the file only where printing lands in one (the browser host's PDF). `document` is
   * the same receipt as rows, for printers that draw it themselves (ESC/POS).
   */
  print(html: string, fileName: string, document?: ReceiptDocument): Promise<PrintOutcome>;
  /** The same page as a PDF named `fileName` (or a free variant of it) in the receipts folder. */
  savePdf(html: string, fileName: string): Promise<PrintOutcome>;
}

/** Until a host provides one: every request gets a clear answer instead of a silent nothing. */
export const noReceiptPrinter: ReceiptPrinter = {
  print: () => Promise.reject(new AppError('unavailable', 'No receipt printer is set up on this terminal.')),
  savePdf: () => Promise.reject(new AppError('unavailable', 'No receipt printer is set up on this terminal.')),
};

export function printFailed(): AppError {
  return new AppError('unavailable', 'The receipt did not print. Check the printer, then try again.');
}
