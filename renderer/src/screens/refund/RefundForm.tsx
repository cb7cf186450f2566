import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { RefundableSale, RefundView } from '../../../../shared/domain/refund';
import { reasonSchema } from '../../../../shared/domain/sale';
import { uuidv7 as newClientId } from '../../../../shared/domain/ids';
import { splitRefund } from '../../../../shared/domain/refund-split';
import { errorMessage } from '../../bridge/messages';
import { Table } from '../../components/Table';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { formatGrams, formatMoney } from '../../format/money';
import { refundAmount, refundPhrase } from '../../session/approval-wording';
import { useGuardedAction } from '../../session/use-guarded-action';
import { ReasonField } from '../../components/ReasonField';

/** Choose what comes back (never more than is left to refund) and why; a cashier needs a manager for it. */
export function RefundForm({ found, onRefunded }: { found: RefundableSale; onRefunded: (refund: RefundView) => void }) {
  const { run, dialog } = useGuardedAction();
  const { sale } = found;
  const currency = sale.totals.currency;
  const left = useMemo(() => new Map(found.refundable.map((r) => [r.lineId, r])), [found]);
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<StatusMessage | null>(null);
  // One id per refund: approval re-runs and retries can never refund twice.
  const refundId = useRef(newClientId());
  const chosen = Object.entries(quantities).filter(([, q]) => q > 0);
  // What main will pay back, by the same rules: the amount, then each tender (cash after cash rounding).
  const totalMinor = refundAmount(found, chosen);
  const split = splitRefund(totalMinor, found.tenders, found.cashRoundingMinor);

  const set = (lineId: string, quantity: number) => setQuantities((q) => ({ ...q, [lineId]: quantity }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen.length === 0 || !reasonSchema.safeParse(reason).success) {
      setMessage({ tone: 'error', text: 'Choose at least one line and give a reason of at least 3 characters.' });
      return;
    }
    const request = {
      refundId: refundId.current,
      originalSaleId: sale.saleId,
      lines: chosen.map(([lineId, quantity]) => ({ lineId, quantity })),
      reason: reason.trim(),
    };
    try {
      const refund = await run('refunds.issue', request, refundPhrase(totalMinor, sale, split.tenders));
      if (refund) onRefunded(refund);
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(error, 'refund', 'Nothing was refunded.') });
    }
  }

  if (found.voided) return <p className="message message--error">This sale was voided: there is nothing to refund.</p>;
  return (
    <Panel title={`Sale ${sale.receipt?.receiptNumber ?? ''}`}>
      <form className="stack" onSubmit={submit} noValidate>
        <Table columns={['Item', 'Sold', 'Paid', 'Refund']}>
          {sale.lines.map((line) => {
            const max = left.get(line.lineId)?.quantity ?? 0;
            const weighed = line.soldBy === 'weight';
            const value = quantities[line.lineId] ?? 0;
            return (
              <tr key={line.lineId}>
                <td>{line.name}</td>
                <td>{weighed ? formatGrams(line.quantity) : line.quantity}</td>
                <td>{formatMoney(line.netMinor, currency)}</td>
                <td>
                  {max === 0 ? (
                    <span className="muted">Already refunded</span>
                  ) : weighed ? (
                    <label className="check">
                      <input type="checkbox" checked={value === max} onChange={(e) => set(line.lineId, e.target.checked ? max : 0)} />{' '}
                      Refund {formatGrams(max)}
                    </label>
                  ) : (
                    <div className="stepper">
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`One less ${line.name} to refund`}
                        disabled={value === 0}
                        onClick={() => set(line.lineId, value - 1)}
                      >
                        −
                      </button>
                      <span aria-label={`${line.name} to refund`}>{value}</span>
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`One more ${line.name} to refund`}
                        disabled={value >= max}
                        onClick={() => set(line.lineId, value + 1)}
                      >
                        +
                      </button>
                      <span className="muted">of {max}</span>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </Table>
        {chosen.length > 0 && (
          <p role="status" data-testid="refund-summary">
            Refund <strong>{formatMoney(totalMinor, currency)}</strong>
            {split.tenders.map((t) => (
              <span key={t.originalPaymentId}>
                {` · ${t.method === 'cash' ? 'cash back' : 'back to card'} ${formatMoney(t.amountMinor, currency)}`}
                {t.roundingMinor !== 0 && ` (cash rounding ${formatMoney(t.roundingMinor, currency)})`}
              </span>
            ))}
          </p>
        )}
        <ReasonField value={reason} onChange={setReason} />
        <div className="actions">
          <Button type="submit" disabled={chosen.length === 0}>
            Refund
          </Button>
          <StatusLine message={message} />
        </div>
      </form>
      {dialog}
    </Panel>
  );
}
