import { describe, expect, it } from 'vitest';
import type { ReceiptDocument } from '../../../shared/domain/receipt';
import { drawerKickBytes, pairLines, receiptBytes, testPageBytes } from '../../../electron/main/devices/escpos/receipt-bytes';
import { AUTO_CODE_PAGES, pageRuns, printableText } from '../../../electron/main/devices/escpos/transliterate';
import { receiptDocument } from '../../../electron/main/receipts/receipt-document';
import type { ReceiptContext } from '../../../electron/main/receipts/receipt-rows';
import { shiftReportDocument } from '../../../electron/main/receipts/shift-report-document';
import { CARD_TOKEN_REF, refundReceipt, saleReceipt, shiftReport, voidReceipt } from '../../support/receipt-fixtures';
import { decodeEscPos, printedText } from '../../support/escpos-decoder';

const context: ReceiptContext = {
  store: { name: 'Crème & Straße', address: '12 Market Street\nSpringfield 1234' },
  terminal: { id: 'TILL-1', name: 'Front till' },
  locale: 'de-DE',
  timeZone: 'UTC',
};
const layout = { paper: '80mm_48', family: 'epson', codePage: 'auto' } as const;

/** Every word of the document's rows, in order: what the paper must say, however lines wrap. */
function words(doc: ReceiptDocument): string {
  const text = doc.rows.map((row) =>
    row.kind === 'rule' ? '' : row.kind === 'text' ? row.text : `${row.left} ${row.right} ${row.detail ?? ''}`,
  );
  return text.join(' ').replace(/\s+/g, ' ').trim();
}
const paperWords = (lines: string[]) =>
  lines
    .filter((l) => !/^-+$/.test(l))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('ESC/POS receipts', () => {
  const docs: [string, ReceiptDocument][] = [
    ['sale', receiptDocument(saleReceipt(), context, 'original')],
    ['reprint', receiptDocument(saleReceipt(), context, 'reprint')],
    ['refund', receiptDocument(refundReceipt(), context, 'original')],
    ['void', receiptDocument(voidReceipt(), context, 'original')],
    [
      'Z report',
      shiftReportDocument(
        shiftReport('Z'),
        { ...context, staffName: () => 'Ana', printedBy: 'Ana', printedAt: new Date('2026-11-29T18:00:00Z') },
        'original',
      ),
    ],
  ];

  it.each(docs)('a %s prints every row of its document, in order, then the barcode and one cut', (_kind, doc) => {
    for (const paper of ['58mm_32', '80mm_42', '80mm_48'] as const) {
      const print = decodeEscPos(receiptBytes(doc, { ...layout, paper }));
      const lines = printedText(print);
      const barcodeText = doc.barcode ? [doc.barcode] : [];
      expect(paperWords(lines)).toBe([words(doc), ...barcodeText].join(' ').trim());
      expect(Math.max(...print.lines.map((l) => l.text.length))).toBeLessThanOrEqual(Number(paper.split('_')[1]));
      expect(print.barcodes).toEqual(doc.barcode ? [{ symbology: 'code128', data: doc.barcode }] : []);
      expect(print.cuts).toBe(1);
      expect(print.pulses).toEqual([]);
    }
  });

  it('right-aligns each amount at the edge of the paper and prints emphasised rows bold', () => {
    const doc = receiptDocument(saleReceipt(), context, 'original');
    const print = decodeEscPos(receiptBytes(doc, layout));
    const total = doc.rows.find((r) => r.kind === 'pair' && r.emphasis);
    if (total?.kind !== 'pair') throw new Error('the sale has a total row');
    const line = print.lines.find((l) => l.text.startsWith(total.left));
    expect(line?.text).toHaveLength(48);
    expect(line?.text.endsWith(total.right)).toBe(true);
    expect(line?.bold).toBe(true);
    // The encoder centres by padding to the paper's width.
    const head = print.lines.find((l) => l.text.trim() === context.store.name);
    expect(head?.bold).toBe(true);
    expect(head?.text.indexOf(context.store.name)).toBe(Math.floor((48 - context.store.name.length) / 2));
  });

  it('marks a reprint on the paper', () => {
    const lines = printedText(decodeEscPos(receiptBytes(docs[1]![1], layout)));
    expect(lines.some((l) => l.includes('REPRINT'))).toBe(true);
  });

  it('holds no more of a card than its brand and last 4 digits', () => {
    const bytes = Buffer.from(receiptBytes(receiptDocument(saleReceipt(), context, 'original'), layout));
    const text = printedText(decodeEscPos(bytes)).join('\n');
    expect(text).toMatch(/4242/);
    expect(bytes.includes(Buffer.from(CARD_TOKEN_REF))).toBe(false);
    expect(text.replaceAll('TILL-1-000042', '')).not.toMatch(/tok|\d{5,}/i);
  });

  it('prints €, accents and ß in their own glyphs where a page has them, and spells them out where none does', () => {
    const doc: ReceiptDocument = {
      kind: 'sale',
      receiptNumber: 'T-1',
      title: 'Receipt',
      copy: 'original',
      barcode: null,
      rows: [
        { kind: 'text', text: 'Crème fraîche, Straße, Łódź: 5,00 €', emphasis: false, align: 'left' },
        { kind: 'text', text: 'Ελλάδα 猫 “quoted” – ok…', emphasis: false, align: 'left' },
      ],
    };
    const auto = printedText(decodeEscPos(receiptBytes(doc, layout)));
    expect(auto[0]).toBe('Crème fraîche, Straße, Łódź: 5,00 €');
    // Greek has no page here: its letters become ?, or their base letter where cp437 has it (ά → α).
    expect(auto[1]).toBe('???αδα ? “quoted” – ok…');
    const cp437 = printedText(decodeEscPos(receiptBytes(doc, { ...layout, codePage: 'cp437' })));
    expect(cp437[0]).toBe('Crème fraîche, Straße, Lódz: 5,00 EUR');
  });

  it('switches code page only where a character needs another page, as the encoder’s automatic mode would', () => {
    expect(pageRuns('Total 5,00 €', AUTO_CODE_PAGES, 'cp858')).toEqual([{ page: 'cp858', text: 'Total 5,00 €' }]);
    expect(pageRuns('Хлеб 1,20 € ok', AUTO_CODE_PAGES, 'cp858')).toEqual([
      { page: 'cp866', text: 'Хлеб 1,20 ' },
      { page: 'cp858', text: '€ ok' },
    ]);
    const doc: ReceiptDocument = {
      kind: 'sale',
      receiptNumber: 'T-1',
      title: 'Receipt',
      copy: 'original',
      barcode: null,
      rows: [
        { kind: 'pair', left: 'Хлеб ржаной', right: '1,20 €', emphasis: false },
        { kind: 'text', text: 'Łódź – Straße', emphasis: false, align: 'left' },
      ],
    };
    expect(printedText(decodeEscPos(receiptBytes(doc, layout)))).toEqual([`Хлеб ржаной${' '.repeat(48 - 11 - 6)}1,20 €`, 'Łódź – Straße']);
  });

  it('never lets text from data become a printer command', () => {
    expect(printableText('A\u001b@\u001dV\u0000B\u0010\u0004\u0001C', ['cp437'])).toBe('A@VBC');
  });

  it('wraps a long label and keeps its amount on the last line', () => {
    expect(pairLines('A very long product name that does not fit', '12,00 €', 20)).toEqual([
      'A very long product',
      'name that does not',
      'fit          12,00 €',
    ]);
  });

  it('kicks the drawer with its timing bytes: pin 2, 100 ms on, 500 ms off', () => {
    expect(Buffer.from(drawerKickBytes({ pin: 2, onMs: 100, offMs: 500 })).toString('hex')).toBe('1b700032fa');
    expect(decodeEscPos(drawerKickBytes({ pin: 5, onMs: 50, offMs: 500 })).pulses).toEqual([{ pin: 5, onMs: 50, offMs: 500 }]);
  });

  it('test page shows the width and the accents', () => {
    const lines = printedText(decodeEscPos(testPageBytes({ ...layout, paper: '58mm_32' }, 'Front till')));
    expect(lines).toContain('12345678901234567890123456789012');
    expect(lines).toContain('Accents: é è à ü ö ß ñ ç €');
  });
});
