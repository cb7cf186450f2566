import { useState, type FormEvent } from 'react';
import type { DeclinedResolution } from '../../../../shared/domain/card-payment';
import { MAX_TENDER_MINOR } from '../../../../shared/domain/amount-input';
import type { DeclinedEntry } from '../../../../shared/ipc/areas/payments';
import { errorMessage } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { AmountField } from '../../components/AmountField';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { amountText, readAmount } from '../../format/amount';
import { formatMoney } from '../../format/money';
import { ReasonField } from '../../components/ReasonField';

/**
 * A card payment the processor declined after the terminal had accepted it offline: the store is
 * owed that money. The manager records how it was settled (another tender) or writes it off.
 */
export function DeclinedDialog({
  entry,
  onDone,
  onCancel,
}: {
  entry: DeclinedEntry;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const currency = entry.payment?.currency ?? 'EUR';
  const [kind, setKind] = useState<DeclinedResolution['kind']>('other_tender');
  const [method, setMethod] = useState<'cash' | 'card'>('cash');
  const [amount, setAmount] = useState(entry.payment ? amountText(entry.payment.amountMinor, currency) : '');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const typed = readAmount(amount, currency, { maxMinor: MAX_TENDER_MINOR });
  const owed = entry.payment ? formatMoney(entry.payment.amountMinor, currency) : 'the amount';

  async function submit(event: FormEvent) {
    event.preventDefault();
    let resolution: DeclinedResolution;
    if (kind === 'other_tender') {
      const amountMinor = typed.minor;
      if (!amountMinor) {
        setMessage({ tone: 'error', text: typed.error ?? `Enter the amount taken, in ${currency}.` });
        return;
      }
      resolution = { kind, method, amountMinor };
    } else {
      if (reason.trim().length < 3) {
        setMessage({ tone: 'error', text: 'A reason of at least 3 characters.' });
        return;
      }
      resolution = { kind, reason: reason.trim() };
    }
    try {
      await api.payments.resolveDeclined({ entryId: entry.entryId, resolution });
      onDone(
        kind === 'other_tender'
          ? `Recorded: ${formatMoney(resolution.kind === 'other_tender' ? resolution.amountMinor : 0, currency)} taken by ${method} in this shift.`
          : `Written off: ${owed}.`,
      );
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(error, 'resolve declined payments', 'Nothing was changed.') });
    }
  }

  return (
    <Dialog title="Declined after forwarding" onClose={onCancel}>
      <form className="stack" onSubmit={submit} noValidate>
        <p>
          {entry.payment
            ? `${entry.payment.brand} ending ${entry.payment.last4}, ${owed}${entry.payment.receiptNumber ? `, receipt ${entry.payment.receiptNumber}` : ''}.`
            : entry.reason}
        </p>
        <fieldset className="stack">
          <legend>How was it settled?</legend>
          <label className="choice">
            <input type="radio" name="kind" checked={kind === 'other_tender'} onChange={() => setKind('other_tender')} /> The customer paid
            another way
          </label>
          <label className="choice">
            <input type="radio" name="kind" checked={kind === 'written_off'} onChange={() => setKind('written_off')} /> Written off (the
            store carries it)
          </label>
        </fieldset>
        {kind === 'other_tender' ? (
          <>
            <Field label="Paid by">
              {(p) => (
                <select {...p} className="input" value={method} onChange={(e) => setMethod(e.target.value === 'card' ? 'card' : 'cash')}>
                  <option value="cash">Cash</option>
                  <option value="card">Another card</option>
                </select>
              )}
            </Field>
            <AmountField label="Amount taken" currency={currency} value={amount} onChange={setAmount} error={typed.error} />
            <p className="muted">
              Recorded as a payment of the open shift: it counts in the X and Z reports
              {method === 'cash' ? ' and in the cash expected in the drawer' : ''}.
            </p>
          </>
        ) : (
          <ReasonField value={reason} onChange={setReason} />
        )}
        <div className="actions">
          <Button type="submit">Record</Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel <kbd className="kbd">Esc</kbd>
          </Button>
          <StatusLine message={message} />
        </div>
      </form>
    </Dialog>
  );
}
