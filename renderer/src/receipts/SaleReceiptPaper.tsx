import { useEffect, useState } from 'react';
import type { ReceiptPaper } from '../../../shared/domain/receipt';
import { useApi } from '../bridge/use-api';
import { StatusLine, type StatusMessage } from '../components/StatusLine';
import { ReceiptOutput } from './ReceiptOutput';

function said(paper: ReceiptPaper | null): StatusMessage | null {
  switch (paper?.state) {
    case 'queued':
    case 'printing':
      return { tone: 'info', text: 'Printing the receipt…' };
    case 'printed':
      return { tone: 'ok', text: 'Receipt printed.' };
    case 'failed':
      return { tone: 'error', text: paper.message ?? 'The receipt did not print. Nothing is lost: print it again or save a PDF.' };
    default:
      return null;
  }
}

/**
 * A completed sale's receipt: printing by itself (followed to printed, or to what went wrong with a
 * Print to try again), or the cashier's Print, or, on a terminal that makes no paper, only the PDF.
 */
export function SaleReceiptPaper({ receiptNumber }: { receiptNumber: string }) {
  const api = useApi();
  const [paper, setPaper] = useState<ReceiptPaper | null>(null);

  useEffect(() => {
    let live = true;
    // Listen first, then ask: a step that comes in meanwhile is newer than the answer.
    const off = api.events.receipts.paper((next) => live && next.receiptNumber === receiptNumber && setPaper(next));
    api.receipts.paper({ receiptNumber }).then(
      (now) => live && setPaper((seen) => seen ?? now),
      () => live && setPaper((seen) => seen ?? { receiptNumber, state: 'ask', message: null }),
    );
    return () => {
      live = false;
      off();
    };
  }, [api, receiptNumber]);

  if (!paper) return null;
  const canPrint = paper.state === 'ask' || paper.state === 'failed';
  return (
    <div data-testid="receipt-paper" data-state={paper.state}>
      <StatusLine message={said(paper)} />
      <ReceiptOutput what="receipt" print={canPrint} output={(output) => api.receipts.output({ receiptNumber, output })} />
    </div>
  );
}
