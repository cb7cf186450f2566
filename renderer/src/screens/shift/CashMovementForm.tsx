import { useRef, useState, type FormEvent } from 'react';
import { MAX_TENDER_MINOR } from '../../../../shared/domain/amount-input';
import { reasonSchema } from '../../../../shared/domain/sale';
import { uuidv7 as newClientId } from '../../../../shared/domain/ids';
import { errorMessage } from '../../bridge/messages';
import { AmountField } from '../../components/AmountField';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { readAmount } from '../../format/amount';
import { formatMoney } from '../../format/money';
import { useGuardedAction } from '../../session/use-guarded-action';
import { ReasonField } from '../../components/ReasonField';

/** Paid in / paid out opens the drawer, so it needs `open:drawer`; a cashier asks a manager on the spot. */
export function CashMovementForm({ currency }: { currency: string }) {
  const { run, dialog } = useGuardedAction();
  const [kind, setKind] = useState<'paid_in' | 'paid_out'>('paid_out');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const movementId = useRef(newClientId());
  const typed = readAmount(amount, currency, { maxMinor: MAX_TENDER_MINOR });
  const amountMinor = typed.minor;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!amountMinor || !reasonSchema.safeParse(reason).success) {
      setMessage({
        tone: 'error',
        text:
          typed.error ??
          (amountMinor ? 'A reason of at least 3 characters.' : 'An amount above zero and a reason of at least 3 characters.'),
      });
      return;
    }
    const request = { movementId: movementId.current, kind, amountMinor, reason: reason.trim() };
    const label = kind === 'paid_in' ? 'Paid in' : 'Paid out';
    try {
      const done = await run(
        'shifts.cashMovement',
        request,
        `${label.toLowerCase()} of ${formatMoney(amountMinor, currency)} (${request.reason})`,
      );
      if (!done) return;
      movementId.current = newClientId();
      setAmount('');
      setReason('');
      setMessage({ tone: 'ok', text: `${label}: ${formatMoney(done.amountMinor, currency)} recorded.` });
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(error, 'pay cash in or out', 'Nothing was recorded.') });
    }
  }

  return (
    <Panel title="Paid in / paid out">
      <form className="stack" onSubmit={submit} noValidate>
        <fieldset className="segmented">
          <legend className="field__label">Movement</legend>
          {(['paid_in', 'paid_out'] as const).map((k) => (
            <button
              key={k}
              type="button"
              className="segmented__item"
              aria-pressed={kind === k}
              onClick={() => ((movementId.current = newClientId()), setKind(k))}
            >
              {k === 'paid_in' ? 'Paid in' : 'Paid out'}
            </button>
          ))}
        </fieldset>
        <div className="form-grid">
          <AmountField
            label="Amount"
            currency={currency}
            value={amount}
            onChange={(t) => ((movementId.current = newClientId()), setAmount(t))}
            error={typed.error}
          />
          <ReasonField value={reason} onChange={setReason} />
        </div>
        <div className="actions">
          <Button type="submit">Record</Button>
          <StatusLine message={message} />
        </div>
      </form>
      {dialog}
    </Panel>
  );
}
