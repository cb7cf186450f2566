import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { columnsOf, type DrawerSettings, type PrinterSettings } from '../../../../shared/domain/devices';
import type { ReceiptDocument, ReceiptRow } from '../../../../shared/domain/receipt';
import { pageRuns, pagesFor, printableText } from './transliterate';

export type EscPosLayout = Pick<PrinterSettings, 'paper' | 'family' | 'codePage'>;

/** Splits text into lines of at most `width` characters, at spaces where it can. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text.trim();
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    const at = cut > 0 ? cut : width;
    lines.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  lines.push(rest);
  return lines;
}

/** A pair (label … amount) on one line when it fits; otherwise the label wraps and the amount ends its last line. */
export function pairLines(left: string, right: string, width: number): string[] {
  const rightText = right.length > width ? right.slice(0, width) : right;
  const lefts = wrap(left, width);
  const last = lefts[lefts.length - 1] ?? '';
  if (last.length + 1 + rightText.length <= width) {
    lefts[lefts.length - 1] = last + ' '.repeat(width - last.length - rightText.length) + rightText;
    return lefts;
  }
  return [...lefts, ' '.repeat(width - rightText.length) + rightText];
}

function encoderFor(layout: EscPosLayout): ReceiptPrinterEncoder {
  return new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: columnsOf(layout.paper),
    codepageMapping: layout.family,
    feedBeforeCut: 4,
  });
}

type PageName = Parameters<ReceiptPrinterEncoder['codepage']>[0];

/** Writes printable text line by line, each run in its own page (see pageRuns). */
class PagedLines {
  private page: string;

  constructor(
    private readonly encoder: ReceiptPrinterEncoder,
    private readonly pages: readonly string[],
  ) {
    this.page = pages[0] ?? 'cp437';
    encoder.codepage(this.page as PageName);
  }

  line(text: string): void {
    for (const run of pageRuns(text, this.pages, this.page)) {
      if (run.page !== this.page) this.encoder.codepage(run.page as PageName);
      this.page = run.page;
      this.encoder.text(run.text);
    }
    this.encoder.newline();
  }
}

function writeRow(encoder: ReceiptPrinterEncoder, out: PagedLines, row: ReceiptRow, width: number, pages: readonly string[]): void {
  const print = (text: string) => printableText(text, pages);
  if (row.kind === 'rule') {
    out.line('-'.repeat(width));
    return;
  }
  encoder.bold(row.emphasis);
  if (row.kind === 'text') {
    encoder.align(row.align);
    for (const line of wrap(print(row.text), width)) out.line(line);
    encoder.align('left');
  } else {
    for (const line of pairLines(print(row.left), print(row.right), width)) out.line(line);
    if (row.detail) for (const line of wrap(`  ${print(row.detail)}`, width)) out.line(line);
  }
  encoder.bold(false);
}

/**
 * A receipt document (the rows the screen and the PDF show) as ESC/POS bytes: the same rows in the
 * printer's own font, the receipt number as the printer's own Code 128, then a cut. Text goes
 * through `printableText`, so no character from data becomes a command or a wrong glyph.
 */
export function receiptBytes(doc: ReceiptDocument, layout: EscPosLayout): Uint8Array {
  const width = columnsOf(layout.paper);
  const pages = pagesFor(layout.codePage);
  const encoder = encoderFor(layout).initialize();
  const out = new PagedLines(encoder, pages);
  for (const row of doc.rows) writeRow(encoder, out, row, width, pages);
  if (doc.barcode) {
    encoder
      .newline()
      .align('center')
      .barcode(doc.barcode, 'code128', { height: 60, width: width <= 32 ? 2 : 3, text: false });
    out.line(printableText(doc.barcode, pages));
    encoder.align('left');
  }
  return encoder.cut('partial').encode();
}

/** The drawer pulse alone (ESC p m t1 t2), with the timing bytes every drawer needs. */
export function drawerKickBytes(drawer: Pick<DrawerSettings, 'pin' | 'onMs' | 'offMs'>): Uint8Array {
  return new ReceiptPrinterEncoder({ language: 'esc-pos' }).pulse(drawer.pin === 2 ? 0 : 1, drawer.onMs, drawer.offMs).encode();
}

/**
 * The real-time pulse (DLE DC4 1 m t, t in 100 ms steps), which a printer acts on even when it is
 * stopped (paper out, cover open): the change still comes out of the drawer.
 */
export function realtimeKickBytes(drawer: Pick<DrawerSettings, 'pin' | 'onMs'>): Uint8Array {
  return Uint8Array.from([0x10, 0x14, 0x01, drawer.pin === 2 ? 0 : 1, Math.min(8, Math.max(1, Math.round(drawer.onMs / 100)))]);
}

/** The settings screen's test print: the printer's name for itself, the paper width and the code page's accents. */
export function testPageBytes(layout: EscPosLayout, title: string): Uint8Array {
  const width = columnsOf(layout.paper);
  const pages = pagesFor(layout.codePage);
  const encoder = encoderFor(layout).initialize();
  const out = new PagedLines(encoder, pages);
  encoder.align('center').bold(true);
  out.line(printableText(title, pages));
  encoder.bold(false);
  out.line('Test print');
  encoder.align('left');
  for (const line of ['-'.repeat(width), `${width} characters per line:`, '1234567890'.repeat(Math.ceil(width / 10)).slice(0, width)])
    out.line(line);
  out.line(printableText('Accents: é è à ü ö ß ñ ç €', pages));
  return encoder.cut('partial').encode();
}
