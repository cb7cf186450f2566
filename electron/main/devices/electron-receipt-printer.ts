import { BrowserWindow, type WebContents } from 'electron';
import type { PrintOutcome } from '../../../shared/domain/receipt';
import { AppError } from '../../../shared/ipc/errors';
import { printFailed, type ReceiptPrinter } from './receipt-printer';
import type { ReceiptsFolder } from './receipts-folder';

// The thin Electron edge of printing: a hidden, sandboxed window with no script loads the receipt page,
// then Chromium prints it through the OS dialog or renders it to PDF. Everything else is plain Node.

/** Electron's words for a print dialog the person closed (see `webContents.print` in electron.d.ts). */
export const PRINT_CANCELED = 'Print job canceled';
/** A dialog nobody answers must not hold the receipt forever. */
export const PRINT_DIALOG_TIMEOUT_MS = 3 * 60_000;

export type PrintAnswer = 'printed' | 'cancelled' | 'failed';

/** What `webContents.print`'s callback means for the cashier. */
export function printAnswerOf(success: boolean, failureReason: string): PrintAnswer {
  if (success) return 'printed';
  return failureReason === PRINT_CANCELED ? 'cancelled' : 'failed';
}

export function printDialogUnanswered(): AppError {
  return new AppError('unavailable', 'Nobody answered the print dialog, so the receipt was not printed. Print it again when ready.');
}

export interface ElectronReceiptPrinterOptions {
  folder: ReceiptsFolder;
  /** The terminal's window: the print dialog belongs to it, so it cannot open behind it. */
  parent: () => BrowserWindow | null;
  dialogTimeoutMs?: number;
}

async function withReceiptPage<T>(html: string, parent: BrowserWindow | null, use: (contents: WebContents) => Promise<T>): Promise<T> {
  const window = new BrowserWindow({
    show: false,
    ...(parent ? { parent } : {}),
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, spellcheck: false },
  });
  try {
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await use(window.webContents);
  } finally {
    window.destroy();
  }
}

/**
 * The kiosk window stays on top of everything, the OS print dialog included (Windows): it steps down
 * while a dialog is up and goes back on top when the dialog is answered or given up on.
 */
async function belowDialog<T>(parent: BrowserWindow | null, run: () => Promise<T>): Promise<T> {
  const wasOnTop = parent !== null && !parent.isDestroyed() && parent.isAlwaysOnTop();
  if (wasOnTop) parent.setAlwaysOnTop(false);
  try {
    return await run();
  } finally {
    if (wasOnTop && !parent.isDestroyed()) parent.setAlwaysOnTop(true);
  }
}

function printThroughDialog(contents: WebContents, timeoutMs: number): Promise<PrintOutcome> {
  return new Promise<PrintOutcome>((resolve, reject) => {
    const timer = setTimeout(() => reject(printDialogUnanswered()), timeoutMs);
    contents.print({ silent: false, printBackground: true }, (success, failureReason) => {
      clearTimeout(timer);
      const answer = printAnswerOf(success, failureReason);
      if (answer === 'failed') reject(printFailed());
      else resolve({ outcome: answer, fileName: null });
    });
  });
}

export function createElectronReceiptPrinter(options: ElectronReceiptPrinterOptions): ReceiptPrinter {
  const timeoutMs = options.dialogTimeoutMs ?? PRINT_DIALOG_TIMEOUT_MS;
  return {
    print: (html) => {
      const parent = options.parent();
      return belowDialog(parent, () => withReceiptPage(html, parent, (contents) => printThroughDialog(contents, timeoutMs)));
    },
    savePdf: (html, fileName) =>
      withReceiptPage(html, options.parent(), async (contents) => {
        const pdf = await contents.printToPDF({
          preferCSSPageSize: true,
          printBackground: true,
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
        });
        return { outcome: 'saved', fileName: options.folder.write(fileName, pdf) };
      }),
  };
}
