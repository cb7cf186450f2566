import { useState, type FormEvent } from 'react';
import { parseMinor } from '../../../../shared/domain/money';
import { reasonSchema, type DiscountInput } from '../../../../shared/domain/sale';
import { AmountField } from '../../components/AmountField';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';

/** "12.5" → 1250 basis points; null when it is not a percentage of at most 100 with two decimals. */
export function parsePercent(text: string): number | null {
  const match = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp >= 1 && bp <= 10_000 ? bp : null;
}

/** A discount on one line or on the whole sale; main decides whether it needs a manager. */
export function DiscountDialog({ title, currency, current, onApply, onCancel }: {
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
  const basisPoints = kind === 'percent' ? parsePercent(value) : null;
  const amountMinor = kind === 'amount' ? parseMinor(value, currency) : null;
  const valueError = kind === 'percent' ? (basisPoints ? undefined : 'A percentage from 0.01 to 100.') : amountMinor ? undefined : 'An amount above zero.';
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
          <Field label="Percentage off" error={tried ? valueError : undefined}>
            {(p) => <input {...p} className="input input--amount" inputMode="decimal" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />}
          </Field>
        ) : (
          <AmountField label="Amount off" currency={currency} value={value} onChange={setValue} error={tried ? valueError : undefined} />
        )}
        <Field label="Reason" error={tried && !reasonOk ? 'A reason of at least 3 characters.' : undefined}>
          {(p) => <input {...p} className="input" autoComplete="off" maxLength={120} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <div className="actions">
          <Button type="submit">Apply discount</Button>
          {current && (
            <Button variant="danger" onClick={() => onApply(null)}>
              Remove discount
            </Button>
          )}
          <Button variant="secondary" onClick={onCancel}>
            Cancel <kbd className="kbd">Esc</kbd>
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
