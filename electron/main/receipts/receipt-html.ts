import { canEncodeCode128B, code128Drawing } from '../../../shared/domain/code128';
import type { ReceiptDocument, ReceiptRow } from '../../../shared/domain/receipt';

// A receipt as one self-contained page for 80 mm paper: no script, no external resource (the page's
// own CSP says so too), and every string that comes from data escaped.

const PAPER_WIDTH_MM = 80;
/** What a line of 10 pt monospace takes, and how many characters fit across the 72 mm printable width. */
const LINE_MM = 4.8;
const CHARS_PER_LINE = 34;
const BARCODE_MM = 14;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function rowHtml(row: ReceiptRow): string {
  if (row.kind === 'rule') return '<hr>';
  const em = row.emphasis ? ' em' : '';
  if (row.kind === 'text') return `<p class="t${em}${row.align === 'center' ? ' c' : ''}">${escapeHtml(row.text)}</p>`;
  const detail = row.detail ? `<p class="detail">${escapeHtml(row.detail)}</p>` : '';
  return `<div class="row${em}"><span class="l">${escapeHtml(row.left)}</span><span class="r">${escapeHtml(row.right)}</span></div>${detail}`;
}

/** The receipt number as Code 128 bars, scaled to the paper's width; crisp edges so no bar is blurred. */
export function barcodeSvg(text: string): string {
  const drawing = code128Drawing(text);
  const bars = drawing.bars.map((bar) => `<rect x="${bar.x}" y="0" width="${bar.width}" height="40"/>`).join('');
  return (
    `<svg class="barcode" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${drawing.widthModules} 40" preserveAspectRatio="none" ` +
    `shape-rendering="crispEdges" role="img" aria-label="Barcode ${escapeHtml(text)}">${bars}</svg>`
  );
}

const lines = (text: string) => Math.max(1, Math.ceil(text.length / CHARS_PER_LINE));

/** Receipt paper is a roll: the page is as long as the receipt, estimated generously from its rows. */
export function receiptPaper(doc: ReceiptDocument): { widthMm: number; heightMm: number } {
  const rowsMm = doc.rows.reduce((sum, row) => {
    if (row.kind === 'rule') return sum + 3.5;
    if (row.kind === 'text') return sum + lines(row.text) * LINE_MM;
    return sum + lines(`${row.left}  ${row.right}`) * LINE_MM + (row.detail ? lines(row.detail) * LINE_MM : 0);
  }, 0);
  const barcodeMm = doc.barcode && canEncodeCode128B(doc.barcode) ? BARCODE_MM + 3 + LINE_MM : 0;
  return { widthMm: PAPER_WIDTH_MM, heightMm: Math.ceil((rowsMm + barcodeMm + 12) * 1.05) };
}

export function receiptHtml(doc: ReceiptDocument): string {
  const paper = receiptPaper(doc);
  const barcode =
    doc.barcode && canEncodeCode128B(doc.barcode) ? `${barcodeSvg(doc.barcode)}<p class="code">${escapeHtml(doc.barcode)}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(`${doc.title} ${doc.receiptNumber}`)}</title>
<style>
@page { size: ${paper.widthMm}mm ${paper.heightMm}mm; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
main { box-sizing: border-box; width: ${paper.widthMm}mm; padding: 4mm 4mm 6mm; font: 10pt/1.35 "DejaVu Sans Mono", "Liberation Mono", "Courier New", monospace; }
p { margin: 0; overflow-wrap: anywhere; }
.row { display: flex; justify-content: space-between; gap: 2mm; }
.row .l { overflow-wrap: anywhere; white-space: pre-wrap; }
.row .r { white-space: nowrap; text-align: right; }
.detail { padding-left: 3mm; font-size: 9pt; }
.em { font-weight: 700; }
.c { text-align: center; }
hr { border: 0; border-top: 1px dashed #000; margin: 1.5mm 0; }
.barcode { display: block; width: 72mm; height: ${BARCODE_MM}mm; margin: 3mm auto 0; }
.code { text-align: center; letter-spacing: 0.5mm; }
</style>
</head>
<body><main>
${doc.rows.map(rowHtml).join('\n')}
${barcode}
</main></body>
</html>
`;
}
