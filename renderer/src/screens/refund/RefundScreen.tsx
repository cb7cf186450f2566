import { useState, type FormEvent } from 'react';
import { receiptNumberSchema, type RefundableSale, type RefundView } from '../../../../shared/domain/refund';
import { BridgeError } from '../../bridge/client';
import { describeError } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { Panel } from '../../components/Panel';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { formatMoney } from '../../format/money';
import { ReceiptOutput } from '../../receipts/ReceiptOutput';
import { useScanner } from '../../scanner/use-scanner';
import { RefundForm } from './RefundForm';

/** Find the original sale by its receipt number, typed or scanned from the receipt's barcode. */
export function RefundScreen() {
  const api = useApi();
  const [text, setText] = useState('');
  const [found, setFound] = useState<RefundableSale | null>(null);
  const [done, setDone] = useState<RefundView | null>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);

  async function lookup(raw: string) {
    const parsed = receiptNumberSchema.safeParse(raw);
    if (!parsed.success) {
      setMessage({ tone: 'error', text: 'A receipt number such as TILL-1-000042.' });
      return;
    }
    setText(parsed.data);
    setMessage(null);
    setDone(null);
    try {
      setFound(await api.refunds.lookup({ receiptNumber: parsed.data }));
    } catch (error) {
      setFound(null);
      setMessage({
        tone: 'error',
        text:
          error instanceof BridgeError
            ? error.code === 'not_found'
              ? `No sale with receipt number ${parsed.data}.`
              : describeError(error, 'refund')
            : 'Lookup failed.',
      });
    }
  }

  useScanner((code) => void lookup(code));

  function submit(event: FormEvent) {
    event.preventDefault();
    void lookup(text);
  }

  return (
    <div className="stack">
      <h1>Refund</h1>
      <Panel title="Find the sale">
        <form className="actions" onSubmit={submit} noValidate>
          <Field label="Receipt number" help="Type it or scan the barcode on the receipt.">
            {(p) => <input {...p} className="input" autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          <Button type="submit">Find sale</Button>
        </form>
        <StatusLine message={message} />
      </Panel>
      {done && (
        <Panel title="Refund done">
          <p role="status">
            Refunded <strong data-testid="refund-total">{formatMoney(done.totalMinor, done.currency)}</strong> on{' '}
            {done.originalReceiptNumber}
            {done.tenders
              .map(
                (t) =>
                  ` · ${t.method === 'cash' ? 'cash' : 'card'} ${formatMoney(t.amountMinor, done.currency)}${t.roundingMinor !== 0 ? ` (cash rounding ${formatMoney(t.roundingMinor, done.currency)})` : ''}`,
              )
              .join('')}
            . Refund receipt {done.receipt.receiptNumber}.
          </p>
          <ReceiptOutput
            what="refund receipt"
            output={(output) => api.receipts.output({ receiptNumber: done.receipt.receiptNumber, output })}
          />
        </Panel>
      )}
      {found && !done && <RefundForm key={found.sale.saleId} found={found} onRefunded={(view) => (setDone(view), setFound(null))} />}
    </div>
  );
}
