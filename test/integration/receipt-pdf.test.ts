import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumReceiptPrinter, type ChromiumReceiptPrinter } from '../../browser-host/chromium-receipt-printer';
import { ReceiptsFolder } from '../../electron/main/devices/receipts-folder';
import { receiptDocument } from '../../electron/main/receipts/receipt-document';
import { receiptHtml } from '../../electron/main/receipts/receipt-html';
import { completedSale, saleReceipt } from '../support/receipt-fixtures';
import { tempDir } from '../support/storage';

// A receipt rendered to PDF by the real Chromium over the DevTools protocol, as the browser host does:
// one browser launch for the whole file, reused by both jobs.

let scratch: ReturnType<typeof tempDir>;
let printer: ChromiumReceiptPrinter;
const context = {
  store: { name: 'Corner Grocer', address: '12 Market Street' },
  terminal: { id: 'TILL-1', name: 'Front till' },
  locale: 'en-GB',
  timeZone: 'UTC',
};

beforeAll(() => {
  scratch = tempDir('receipt-pdf');
  printer = createChromiumReceiptPrinter({
    folder: new ReceiptsFolder(path.join(scratch.dir, 'receipts')),
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  });
});
afterAll(async () => {
  await printer.close();
  scratch.cleanup();
});

function pdfFacts(file: string) {
  const bytes = readFileSync(file);
  const text = bytes.toString('latin1');
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
  return {
    header: text.slice(0, 5),
    size: statSync(file).size,
    pages: text.match(/\/Type\s*\/Page\b/g)?.length ?? 0,
    widthPt: Number(box?.[1]),
    heightPt: Number(box?.[2]),
    eof: text.trimEnd().endsWith('%%EOF'),
  };
}

describe('receipt PDF through real Chromium', () => {
  it('saves a receipt (hostile product name included) as one 80 mm page, then "prints" a second to PDF with the same browser', async () => {
    const sale = completedSale();
    sale.lines[0] = { ...sale.lines[0]!, name: '<script>document.title="pwned"</script>' };
    const html = receiptHtml(receiptDocument(saleReceipt(sale), context, 'original'));

    expect(await printer.savePdf(html, 'TILL-1-000042.pdf')).toEqual({ outcome: 'saved', fileName: 'TILL-1-000042.pdf' });
    expect(await printer.print(html, 'TILL-1-000042-print.pdf')).toEqual({ outcome: 'printed', fileName: 'TILL-1-000042-print.pdf' });
    expect(readdirSync(path.join(scratch.dir, 'receipts')).sort()).toEqual(['TILL-1-000042-print.pdf', 'TILL-1-000042.pdf']);

    const facts = pdfFacts(path.join(scratch.dir, 'receipts', 'TILL-1-000042.pdf'));
    expect(facts.header).toBe('%PDF-');
    expect(facts.eof).toBe(true);
    expect(facts.size).toBeGreaterThan(2_000);
    expect(facts.size).toBeLessThan(2_000_000);
    // 80 mm is 226.77 pt; the page is as long as the receipt, and the receipt fits on it.
    expect(facts.widthPt).toBeCloseTo(226.77, 0);
    expect(facts.heightPt).toBeGreaterThan(400);
    expect(facts.pages).toBe(1);
  });

  it('carries a barcode that an independent decoder reads as the receipt number (PDF rasterised by poppler, read by zbar)', () => {
    const pdf = path.join(scratch.dir, 'receipts', 'TILL-1-000042.pdf');
    const image = path.join(scratch.dir, 'receipt');
    execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', pdf, image]);
    const read = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Scode128.enable', `${image}.png`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(read.trim()).toBe('TILL-1-000042');
  });
});
