import { useState, type FormEvent } from 'react';
import { MAX_GRAMS } from '../../../../shared/domain/sale';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { formatMoney } from '../../format/money';

/** Weighed goods: the cashier reads the scale and types the grams (a scale driver can fill this later). */
export function WeightDialog({ name, pricePerKgMinor, currency, initialGrams, onWeighed, onCancel }: {
  name: string;
  pricePerKgMinor: number;
  currency: string;
  initialGrams?: number;
  onWeighed: (grams: number) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initialGrams ? String(initialGrams) : '');
  const grams = /^\d{1,6}$/.test(text) ? Number(text) : null;
  const error = text !== '' && (grams === null || grams < 1 || grams > MAX_GRAMS) ? `Between 1 and ${MAX_GRAMS} grams.` : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (grams && !error) onWeighed(grams);
  }

  return (
    <Dialog title={`Weigh ${name}`} onClose={onCancel}>
      <form className="stack" onSubmit={submit} noValidate>
        <p>{formatMoney(pricePerKgMinor, currency)} per kg.</p>
        <Field label="Weight in grams" error={error}>
          {(p) => <input {...p} className="input input--amount" inputMode="numeric" autoComplete="off" value={text} onChange={(e) => setText(e.target.value.replace(/\D/g, ''))} />}
        </Field>
        <div className="actions">
          <Button type="submit" disabled={!grams || Boolean(error)}>
            Add {grams && !error ? `${grams} g` : ''}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel <kbd className="kbd">Esc</kbd>
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
