import type { ReceiptDocument, ReceiptRow } from '../../../shared/domain/receipt';
import { receiptHtml } from '../receipts/receipt-html';

export interface ReceiptEmail {
  subject: string;
  html: string;
  text: string;
}

function rowText(row: ReceiptRow): string {
  if (row.kind === 'rule') return '-'.repeat(40);
  if (row.kind === 'text') return row.text;
  const pair = `${row.left}${' '.repeat(Math.max(1, 40 - row.left.length - row.right.length))}${row.right}`;
  return row.detail ? `${pair}\n  ${row.detail}` : pair;
}

/** The receipt document as an e-mail: the same page as the PDF (HTML, escaped) and the same rows as text. */
export function receiptEmail(doc: ReceiptDocument, storeName: string): ReceiptEmail {
  return {
    subject: `Your receipt ${doc.receiptNumber} from ${storeName}`.slice(0, 200),
    html: receiptHtml(doc),
    text: `${doc.title}\n${doc.receiptNumber}\n\n${doc.rows.map(rowText).join('\n')}\n`,
  };
}
