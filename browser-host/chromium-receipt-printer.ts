import type { Browser } from 'playwright-core';
import type { PrintOutcome } from '../shared/domain/receipt';
import { printFailed, type ReceiptPrinter } from '../electron/main/devices/receipt-printer';
import type { ReceiptsFolder } from '../electron/main/devices/receipts-folder';

// The browser host has no OS print dialog: it renders each receipt with the real Chromium, driven over
// the DevTools protocol, and keeps the PDF in the receipts folder. "Print" is a PDF here too.
// Development only (playwright-core is a dev dependency), never packaged.

/** How the browser host and the tests run Chromium: headless, no sandbox (containers), nothing phoning home. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumReceiptPrinter extends ReceiptPrinter {
  close(): Promise<void>;
}

export function createChromiumReceiptPrinter(options: { folder: ReceiptsFolder; executablePath?: string }): ChromiumReceiptPrinter {
  let browser: Promise<Browser> | null = null;

  // Launched on the first receipt, then reused; launched again if it went away.
  const launch = (): Promise<Browser> => {
    browser ??= import('playwright-core').then(async ({ chromium }) => {
      const launched = await chromium.launch({ executablePath: options.executablePath ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
      launched.on('disconnected', () => {
        browser = null;
      });
      return launched;
    });
    browser.catch(() => {
      browser = null;
    });
    return browser;
  };

  async function renderPdf(html: string): Promise<Buffer> {
    let context;
    try {
      // No script, no network: the receipt page needs neither.
      context = await (await launch()).newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ preferCSSPageSize: true, printBackground: true });
    } catch {
      throw printFailed();
    } finally {
      await context?.close().catch(() => {});
    }
  }

  return {
    async print(html, fileName): Promise<PrintOutcome> {
      return { outcome: 'printed', fileName: options.folder.write(fileName, await renderPdf(html)) };
    },
    async savePdf(html, fileName): Promise<PrintOutcome> {
      return { outcome: 'saved', fileName: options.folder.write(fileName, await renderPdf(html)) };
    },
    async close() {
      const running = browser;
      browser = null;
      if (running) await (await running.catch(() => null))?.close();
    },
  };
}
