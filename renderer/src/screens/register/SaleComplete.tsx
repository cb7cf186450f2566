import { useEffect, useRef } from 'react';
import { useApi } from '../../bridge/use-api';
import { Kbd } from '../../components/Kbd';
import { formatMoney } from '../../format/money';
import { ReceiptOutput } from '../../receipts/ReceiptOutput';
import { ReceiptView } from '../../receipts/ReceiptView';
import { EmailReceipt } from './EmailReceipt';
import type { CompletedSale } from './use-cart';

/** After the last tender: the change to hand back, big, then the receipt to print or save. */
export function SaleComplete({ completed, onNewSale }: { completed: CompletedSale; onNewSale: () => void }) {
  const api = useApi();
  const next = useRef<HTMLButtonElement>(null);
  const currency = completed.sale.totals.currency;
  const { receiptNumber } = completed;
  useEffect(() => next.current?.focus(), []);

  return (
    <section className="complete" aria-labelledby="complete-title">
      <h2 id="complete-title">Sale complete</h2>
      <p className="change" role="status">
        <span className="change__label">Change due</span>
        <strong className="change__amount" data-testid="change-due">
          {formatMoney(completed.changeMinor, currency)}
        </strong>
      </p>
      <p className="muted">
        Total {formatMoney(completed.sale.totals.totalMinor, currency)} · paid {formatMoney(completed.sale.paidMinor, currency)} · receipt <span data-testid="receipt-number">{receiptNumber}</span>
      </p>
      <ReceiptOutput what="receipt" output={(output) => api.receipts.output({ receiptNumber, output })} />
      <EmailReceipt saleId={completed.sale.saleId} receiptNumber={receiptNumber} />
      {completed.document && <ReceiptView document={completed.document} />}
      <button type="button" ref={next} className="button button--primary" onClick={onNewSale} aria-keyshortcuts="F2">
        New sale <Kbd>F2</Kbd>
      </button>
    </section>
  );
}
