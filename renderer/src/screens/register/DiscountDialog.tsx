import { useState, type FormEvent } from 'react';
import { MAX_TENDER_MINOR } from '../../../../shared/domain/amount-input';
import { reasonSchema, type DiscountInput } from '../../../../shared/domain/sale';
import { AmountField } from '../../components/AmountField';
import { Button, DismissButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { readAmount, readPercent } from '../../format/amount';
import { ReasonField } from '../../components/ReasonField';

/** A discount on one line or on the whole sale; main decides whether it needs a manager. */
export function DiscountDialog({
  title,
  currency,
  current,
  onApply,
  onCancel,
}: {
  title: string;
  currency: string;
  current: DiscountInput | null;
  onApply: (discount: DiscountInput | null) => void;
  onCancel: () => void;
}) {
  const [kind, setKind] = useState<DiscountInput['kind']>(current?.kind ?? 'percent');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState(current?.reason ?? '');
  const [tried, setTried] = useState(false);
  const typed = kind === 'percent' ? readPercent(value) : readAmount(value, currency, { maxMinor: MAX_TENDER_MINOR });
  const basisPoints = kind === 'percent' ? typed.minor : null;
  const amountMinor = kind === 'amount' ? typed.minor : null;
  const valueError =
    typed.error ?? (typed.minor ? undefined : kind === 'percent' ? 'A percentage from 0.01 to 100.' : 'An amount above zero.');
  const reasonOk = reasonSchema.safeParse(reason).success;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (!reasonOk) return;
    if (kind === 'percent' && basisPoints) onApply({ kind, basisPoints, reason: reason.trim() });
    if (kind === 'amount' && amountMinor) onApply({ kind, amountMinor, reason: reason.trim() });
  }

  return (
    <Dialog title={title} onClose={onCancel}>
      <form className="stack" onSubmit={submit} noValidate>
        <fieldset className="segmented">
          <legend className="field__label">Kind</legend>
          {(['percent', 'amount'] as const).map((k) => (
            <button key={k} type="button" className="segmented__item" aria-pressed={kind === k} onClick={() => setKind(k)}>
              {k === 'percent' ? 'Percentage' : 'Amount'}
            </button>
          ))}
        </fieldset>
        {kind === 'percent' ? (
          <Field label="Percentage off" error={typed.error ?? (tried ? valueError : undefined)}>
            {(p) => (
              <input
                {...p}
                className="input input--amount"
                inputMode="decimal"
                autoComplete="off"
                value={value}
                onChange={(e) => setValue(e.target.value)}
              />
            )}
          </Field>
        ) : (
          <AmountField
            label="Amount off"
            currency={currency}
            value={value}
            onChange={setValue}
            error={typed.error ?? (tried ? valueError : undefined)}
          />
        )}
        <ReasonField value={reason} onChange={setReason} error={tried && !reasonOk ? 'A reason of at least 3 characters.' : undefined} />
        <div className="actions">
          <Button type="submit">Apply discount</Button>
          {current && (
            <Button variant="danger" onClick={() => onApply(null)}>
              Remove discount
            </Button>
          )}
          <DismissButton onClick={onCancel} />
        </div>
      </form>
    </Dialog>
  );
}
