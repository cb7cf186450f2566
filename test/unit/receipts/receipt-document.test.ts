import { describe, expect, it } from 'vitest';
import type { ReceiptDocument } from '../../../shared/domain/receipt';
import { receiptDocument } from '../../../electron/main/receipts/receipt-document';
import type { ReceiptContext } from '../../../electron/main/receipts/receipt-rows';
import { shiftReportDocument } from '../../../electron/main/receipts/shift-report-document';
import {
  CARD_TOKEN_REF,
  CASHIER,
  MANAGER,
  completedSale,
  refundReceipt,
  saleReceipt,
  shiftReport,
  voidReceipt,
} from '../../support/receipt-fixtures';

const context: ReceiptContext = {
  store: { name: 'Corner Grocer', address: '12 Market Street\n\nSpringfield 1234' },
  terminal: { id: 'TILL-1', name: 'Front till' },
  locale: 'en-GB',
  timeZone: 'UTC',
};

/** The paper as lines of text: "left | right | detail" for pairs, "---" for rules (Intl's no-break spaces as spaces). */
function paper(doc: ReceiptDocument): string[] {
  return doc.rows.map((row) => line(row).replace(/[\u00a0\u202f]/g, ' '));
}

function line(row: ReceiptDocument['rows'][number]): string {
  if (row.kind === 'rule') return '---';
  if (row.kind === 'text') return `${row.emphasis ? '!' : ''}${row.text}`;
  return `${row.emphasis ? '!' : ''}${row.left} | ${row.right}${row.detail ? ` | ${row.detail}` : ''}`;
}

describe('sale receipt', () => {
  const doc = receiptDocument(saleReceipt(), context, 'original');
  const lines = paper(doc);

  it('heads with the store, its address lines and the title', () => {
    expect(lines.slice(0, 5)).toEqual(['!Corner Grocer', '12 Market Street', 'Springfield 1234', '---', '!RECEIPT']);
    expect(doc).toMatchObject({
      kind: 'sale',
      title: 'Receipt',
      copy: 'original',
      receiptNumber: 'TILL-1-000042',
      barcode: 'TILL-1-000042',
    });
  });

  it('shows each line with its amount; a weighed line with its weight and price per kg; quantities above one', () => {
    expect(lines).toContain('Apples Braeburn | €1.35 | 0.452 kg × €2.99/kg');
    expect(lines).toContain('Whole milk 1 l | €3.60 | 3 × €1.20');
    expect(lines).toContain('Sourdough bread | €2.50');
  });

  it('shows the line discount under its line and the sale discount after the subtotal', () => {
    const milk = lines.indexOf('Whole milk 1 l | €3.60 | 3 × €1.20');
    expect(lines[milk + 1]).toBe('  Discount 10%: Damaged pack | -€0.36');
    const subtotal = lines.indexOf('Subtotal | €7.45');
    expect(lines[subtotal + 1]).toBe('Sale discount 5%: Loyalty card | -€0.35');
    expect(lines).toContain('You saved | €0.71');
    expect(lines).toContain('!Total | €6.74');
    // Prices include tax here: no tax row is added to the total.
    expect(lines.some((l) => l.startsWith('Tax | '))).toBe(false);
  });

  it('lists the tenders taken (not the declined one), with cash given and change', () => {
    const tenders = lines.slice(lines.indexOf('!Total | €6.74') + 2);
    expect(tenders.slice(0, 4)).toEqual([
      'Card Visa ···· 4242 | €4.00 | Contactless',
      'Cash | €2.74',
      'Cash given | €5.00',
      '!Change | €2.26',
    ]);
    expect(lines.join('\n')).not.toContain('5454');
  });

  it('says a card stored offline is to be authorised, never approved (issue 15, item 15)', () => {
    const sale = completedSale();
    const offline = completedSale({
      payments: sale.payments.map((p) =>
        p.status === 'captured' && p.method === 'card' ? { ...p, status: 'approved_offline' as const } : p,
      ),
    });
    const text = paper(receiptDocument(saleReceipt(offline), context, 'original'));
    expect(text).toContain('Card Visa ···· 4242 | €4.00 | Contactless · stored, to be authorised');
    expect(text.join('\n')).not.toMatch(/approved/i);
  });

  it('never carries the payment token or anything of the card but brand and last 4', () => {
    const all = JSON.stringify(doc);
    expect(all).not.toContain(CARD_TOKEN_REF);
    expect(all).not.toContain('tok_');
  });

  it('breaks the tax down per rate', () => {
    const at = lines.indexOf('Tax included');
    expect(lines.slice(at + 1, at + 3)).toEqual(['Tax 7% on €3.43 | €0.24', 'Tax 19% on €2.58 | €0.49']);
  });

  it('ends with receipt number, staff, terminal and time', () => {
    expect(lines.slice(-4)).toEqual([
      'Receipt | TILL-1-000042',
      'Staff | Alice Cashier',
      'Terminal | Front till (TILL-1)',
      'Time | 29 Nov 2026, 10:01:02',
    ]);
  });

  it('marks every later copy as a reprint, first thing on the paper', () => {
    const reprint = receiptDocument(saleReceipt(), context, 'reprint');
    expect(reprint.copy).toBe('reprint');
    expect(paper(reprint)[0]).toBe('!*** REPRINT ***');
    expect(lines.join('\n')).not.toContain('REPRINT');
  });

  it('adds the tax to the total in tax-exclusive mode, and shows cash rounding', () => {
    const sale = completedSale();
    sale.totals = { ...sale.totals, taxMode: 'exclusive' };
    sale.payments = [{ ...sale.payments[2]!, amountMinor: 675, cash: { givenMinor: 1_000, changeMinor: 325, roundingMinor: 1 } }];
    const text = paper(receiptDocument(saleReceipt(sale), context, 'original'));
    expect(text).toContain('Tax | €0.73');
    expect(text).toContain('Tax added');
    expect(text).toContain('Cash rounding | €0.01');
  });

  it('formats for the store locale and currency', () => {
    const sale = completedSale();
    const text = paper(receiptDocument(saleReceipt(sale), { ...context, locale: 'de-DE' }, 'original'));
    expect(text).toContain('!Total | 6,74 €');
    expect(text).toContain('Apples Braeburn | 1,35 € | 0,452 kg × 2,99 €/kg');
  });

  it('refuses to print a sale that is not completed', () => {
    expect(() => receiptDocument(saleReceipt(completedSale(), {}), context, 'original')).not.toThrow();
    const open = { ...completedSale(), status: 'open' as const, receipt: null };
    expect(() => receiptDocument({ ...saleReceipt(), record: { kind: 'sale', sale: open } }, context, 'original')).toThrow(/completed/);
  });

  it('cuts data longer than a row allows instead of failing at the till', () => {
    const long = receiptDocument(saleReceipt(), { ...context, store: { name: 'S'.repeat(80), address: 'A'.repeat(300) } }, 'original');
    const address = long.rows[1]!;
    expect(address.kind === 'text' && address.text.length).toBe(200);
  });
});

describe('refund receipt', () => {
  const doc = receiptDocument(refundReceipt(), context, 'original');
  const lines = paper(doc);

  it('names the original receipt and lists the refunded lines as negative amounts', () => {
    expect(doc).toMatchObject({ kind: 'refund', title: 'Refund', receiptNumber: 'TILL-1-000043', barcode: 'TILL-1-000043' });
    expect(lines).toContain('!REFUND');
    expect(lines).toContain('Original receipt | TILL-1-000042');
    expect(lines).toContain('Apples Braeburn | -€0.65 | 0.226 kg');
    expect(lines).toContain('Whole milk 1 l | -€1.02');
    expect(lines).toContain('!Refund total | -€1.67');
  });

  it('says where the money went back, with the reason and the approval', () => {
    expect(lines).toContain('Back to card Visa ···· 4242 | €1.00');
    expect(lines).toContain('Cash back | €0.67');
    expect(lines).toContain('Tax 19% on €0.86 | €0.16');
    expect(lines).toContain('Reason: Customer changed mind');
    expect(lines).toContain('Approved by a manager');
    expect(JSON.stringify(doc)).not.toContain(CARD_TOKEN_REF);
  });
});

describe('void receipt', () => {
  it('lists the voided items, the total and the tenders given back', () => {
    const doc = receiptDocument(voidReceipt(), context, 'original');
    const lines = paper(doc);
    expect(doc).toMatchObject({ kind: 'void', title: 'Void', receiptNumber: 'TILL-1-000044' });
    expect(lines).toContain('!VOID');
    expect(lines).toContain('Apples Braeburn | 0.452 kg');
    expect(lines).toContain('Whole milk 1 l | × 3');
    expect(lines).toContain('!Voided total | -€6.74');
    expect(lines).toContain('Back to card Visa ···· 4242 | €4.00');
    expect(lines).toContain('Cash back | €2.74');
    expect(lines).toContain('Reason: Rang up the wrong basket');
    expect(lines).not.toContain('Approved by a manager');
    expect(lines.at(-3)).toBe('Staff | Bob Manager');
  });
});

describe('shift reports', () => {
  const names: Record<string, string> = { [CASHIER]: 'Alice Cashier', [MANAGER]: 'Bob Manager' };
  const reportContext = {
    ...context,
    staffName: (id: string) => names[id] ?? id,
    printedBy: 'Bob Manager',
    printedAt: new Date('2026-11-29T18:05:00Z'),
  };

  it('prints a Z report with counted against expected cash and the difference', () => {
    const doc = shiftReportDocument(shiftReport('Z'), reportContext, 'original');
    const lines = paper(doc);
    expect(doc).toMatchObject({ kind: 'z_report', title: 'Z report', barcode: null });
    expect(lines).toContain('!Z REPORT (SHIFT CLOSED)');
    expect(lines).toContain('Opened | 29 Nov 2026, 08:00:00 | by Alice Cashier');
    expect(lines).toContain('Closed | 29 Nov 2026, 18:00:00 | by Bob Manager');
    expect(lines).toContain('Sales (12) | €152.30');
    expect(lines).toContain('Refunds (1) | -€1.67');
    expect(lines).toContain('Voids (1) | -€6.74');
    expect(lines).toContain('!Net sales | €143.89');
    expect(lines).toContain('Tax 19% on €50.00 | €9.50');
    expect(lines).toContain('Cash (8) | €93.89');
    expect(lines).toContain('Card (4) | €50.00');
    expect(lines).toContain('Paid out | -€12.00');
    expect(lines).toContain('Cash rounding | -€0.02');
    expect(lines).toContain('!Expected in drawer | €186.87');
    expect(lines).toContain('Counted | €186.37');
    expect(lines).toContain('!Short | -€0.50');
  });

  it('prints an X report of an open shift without counted cash', () => {
    const lines = paper(shiftReportDocument(shiftReport('X'), reportContext, 'original'));
    expect(lines).toContain('!X REPORT (SHIFT OPEN)');
    expect(lines.some((l) => l.startsWith('Closed') || l.startsWith('Counted') || l.startsWith('!Short'))).toBe(false);
    expect(lines).toContain('!Expected in drawer | €186.87');
  });
});
