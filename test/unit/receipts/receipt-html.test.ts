import { describe, expect, it } from 'vitest';
import { code128Drawing } from '../../../shared/domain/code128';
import { receiptDocument } from '../../../electron/main/receipts/receipt-document';
import { escapeHtml, receiptHtml, receiptPaper } from '../../../electron/main/receipts/receipt-html';
import { completedSale, saleReceipt } from '../../support/receipt-fixtures';

const context = {
  store: { name: 'Corner Grocer', address: '12 Market Street' },
  terminal: { id: 'TILL-1', name: 'Front till' },
  locale: 'en-GB',
  timeZone: 'UTC',
};

function hostileReceipt() {
  const sale = completedSale();
  sale.lines[0] = { ...sale.lines[0]!, name: '<script>alert(1)</script>' };
  sale.lines[1] = { ...sale.lines[1]!, name: '<img src=x onerror=alert(2)>' };
  const store = { name: 'Bob\'s "Best" & <Co>', address: '</main><iframe src="https://evil.example">' };
  return receiptHtml(receiptDocument(saleReceipt(sale, { staffName: '<b>Eve</b>' }), { ...context, store }, 'original'));
}

describe('receipt HTML', () => {
  it('escapes every character that could make markup', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('keeps a product named <script> as text: no script, no injected element anywhere in the page', () => {
    const html = hostileReceipt();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('Bob&#39;s &quot;Best&quot; &amp; &lt;Co&gt;');
    expect(html).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    expect(html).not.toMatch(/<script|<img|<iframe|<b>|<\/main><iframe/i);
    // The only elements are the template's own.
    const tags = new Set([...html.matchAll(/<([a-z]+)[\s>/]/gi)].map((m) => m[1]!.toLowerCase()));
    expect([...tags].sort()).toEqual(['body', 'div', 'head', 'hr', 'html', 'main', 'meta', 'p', 'rect', 'span', 'style', 'svg', 'title']);
  });

  it('forbids script and outside resources in the page itself', () => {
    expect(hostileReceipt()).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
  });

  it('draws the receipt number as Code 128 bars, with the number as text beneath', () => {
    const html = receiptHtml(receiptDocument(saleReceipt(), context, 'original'));
    const drawing = code128Drawing('TILL-1-000042');
    expect(html.match(/<rect /g)).toHaveLength(drawing.bars.length);
    expect(html).toContain(`viewBox="0 0 ${drawing.widthModules} 40"`);
    for (const bar of drawing.bars.slice(0, 5)) expect(html).toContain(`<rect x="${bar.x}" y="0" width="${bar.width}" height="40"/>`);
    expect(html).toContain('<p class="code">TILL-1-000042</p>');
  });

  it('sizes the page as 80 mm paper, longer for a longer receipt', () => {
    const short = receiptDocument(saleReceipt(), context, 'original');
    const long = { ...short, rows: [...short.rows, ...short.rows] };
    expect(receiptPaper(short).widthMm).toBe(80);
    expect(receiptPaper(long).heightMm).toBeGreaterThan(receiptPaper(short).heightMm);
    expect(receiptHtml(short)).toContain(`@page { size: 80mm ${receiptPaper(short).heightMm}mm; margin: 0; }`);
  });

  it('draws no barcode for a report', () => {
    const doc = { ...receiptDocument(saleReceipt(), context, 'original'), barcode: null };
    expect(receiptHtml(doc)).not.toContain('<svg');
  });
});
