import type { ReceiptDocument, ReceiptRow } from '../../../shared/domain/receipt';

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

/** A receipt as the receipts area renders it: its rows, and the same page the PDF is made from. */
export interface RenderedReceipt {
  document: ReceiptDocument;
  html: string;
}

/** The receipt as an e-mail: the same page as the PDF (HTML, escaped) and the same rows as text. */
export function receiptEmail({ document: doc, html }: RenderedReceipt, storeName: string): ReceiptEmail {
  return {
    subject: `Your receipt ${doc.receiptNumber} from ${storeName}`.slice(0, 200),
    html,
    text: `${doc.title}\n${doc.receiptNumber}\n\n${doc.rows.map(rowText).join('\n')}\n`,
  };
}
