import { useEffect, useRef } from 'react';
import { Kbd } from '../../components/Kbd';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { formatMoney } from '../../format/money';
import { ReceiptView } from '../../receipts/ReceiptView';
import { SaleReceiptPaper } from '../../receipts/SaleReceiptPaper';
import { EmailReceipt } from './EmailReceipt';
import type { CompletedSale } from './use-cart';

/**
 * After the last tender: the change to hand back, the largest thing on the screen, then the receipt to
 * print or save. A sale paid without cash has no change to hand back, so it says how it was paid.
 */
export function SaleComplete({
  completed,
  onNewSale,
  message,
}: {
  completed: CompletedSale;
  onNewSale: () => void;
  message: StatusMessage | null;
}) {
  const next = useRef<HTMLButtonElement>(null);
  const { sale } = completed;
  const currency = sale.totals.currency;
  const { receiptNumber } = completed;
  const tookCash = sale.payments.some((p) => p.method === 'cash');
  useEffect(() => next.current?.focus(), []);

  return (
    <section className="complete" aria-labelledby="complete-title">
      <div className="complete__summary">
        <StatusLine message={message} id="register-status" />
        <h2 id="complete-title">Sale complete</h2>
        {tookCash ? (
          <p className="change" role="status">
            <span className="change__label">Change due</span>
            <strong className="change__amount" data-testid="change-due">
              {formatMoney(completed.changeMinor, currency)}
            </strong>
          </p>
        ) : (
          <p className="change change--none" role="status" data-testid="no-change">
            <span className="change__label">
              Paid by card · no change
              {sale.payments.some((p) => p.status === 'approved_offline') ? ' · stored offline, to be authorised' : ''}
            </span>
          </p>
        )}
        <p className="muted">
          Total {formatMoney(sale.totals.totalMinor, currency)} · paid {formatMoney(sale.paidMinor, currency)} · receipt{' '}
          <span data-testid="receipt-number">{receiptNumber}</span>
        </p>
        <button type="button" ref={next} className="button button--primary" onClick={onNewSale} aria-keyshortcuts="F2">
          New sale <Kbd>F2</Kbd>
        </button>
        <SaleReceiptPaper receiptNumber={receiptNumber} />
        <EmailReceipt saleId={sale.saleId} receiptNumber={receiptNumber} />
      </div>
      {completed.document && (
        <div className="complete__receipt">
          <ReceiptView document={completed.document} />
        </div>
      )}
    </section>
  );
}
