import { BrowserWindow, type WebContents } from 'electron';
import type { PrintOutcome } from '../../../shared/domain/receipt';
import { printFailed, type ReceiptPrinter } from './receipt-printer';
import type { ReceiptsFolder } from './receipts-folder';

// The thin Electron edge of printing: a hidden, sandboxed window with no script loads the receipt page,
// then Chromium prints it through the OS dialog or renders it to PDF. Everything else is plain Node.

async function withReceiptPage<T>(html: string, use: (contents: WebContents) => Promise<T>): Promise<T> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, spellcheck: false },
  });
  try {
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await use(window.webContents);
  } finally {
    window.destroy();
  }
}

export function createElectronReceiptPrinter(folder: ReceiptsFolder): ReceiptPrinter {
  return {
    print: (html) =>
      withReceiptPage(
        html,
        (contents) =>
          new Promise<PrintOutcome>((resolve, reject) => {
            contents.print({ silent: false, printBackground: true }, (success, failureReason) => {
              if (success) resolve({ outcome: 'printed', fileName: null });
              else if (failureReason === 'cancelled') resolve({ outcome: 'cancelled', fileName: null });
              else reject(printFailed());
            });
          }),
      ),
    savePdf: (html, fileName) =>
      withReceiptPage(html, async (contents) => {
        const pdf = await contents.printToPDF({ preferCSSPageSize: true, printBackground: true, margins: { top: 0, bottom: 0, left: 0, right: 0 } });
        return { outcome: 'saved', fileName: folder.write(fileName, pdf) };
      }),
  };
}
