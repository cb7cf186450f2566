import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { MAX_GRAMS } from '../../../../shared/domain/sale';
import { useApi } from '../../bridge/use-api';
import { Button, DismissButton } from '../../components/Button';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { formatMoney } from '../../format/money';

/** Weighed goods: the scale's steady weight when one is set up (read at once, again on demand), or grams typed in. */
export function WeightDialog({
  name,
  pricePerKgMinor,
  currency,
  initialGrams,
  onWeighed,
  onCancel,
}: {
  name: string;
  pricePerKgMinor: number;
  currency: string;
  initialGrams?: number;
  onWeighed: (grams: number) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const [text, setText] = useState(initialGrams ? String(initialGrams) : '');
  const [scale, setScale] = useState(false);
  const [reading, setReading] = useState<StatusMessage | null>(null);
  const weigh = useCallback(
    (command: 'weigh' | 'zero' | 'tare' = 'weigh') => {
      setReading({ tone: 'info', text: command === 'weigh' ? 'Reading the scale…' : 'Sending to the scale…' });
      api.devices.weigh({ command }).then(
        (result) => {
          if (!result.ok) return setReading({ tone: 'error', text: result.message });
          if (command !== 'weigh') return setReading({ tone: 'ok', text: command === 'zero' ? 'Scale zeroed.' : 'Tare set.' });
          setText(String(result.grams));
          setReading({ tone: 'ok', text: `The scale reads ${result.grams} g.` });
        },
        () => setReading({ tone: 'error', text: 'The scale could not be read.' }),
      );
    },
    [api],
  );
  useEffect(() => {
    let live = true;
    api.devices.status({}).then(
      (status) => {
        if (!live || status.scale.kind === 'none' || initialGrams) return;
        setScale(true);
        weigh();
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api, weigh, initialGrams]);
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
          {(p) => (
            <input
              {...p}
              className="input input--amount"
              inputMode="numeric"
              autoComplete="off"
              value={text}
              onChange={(e) => setText(e.target.value.replace(/\D/g, ''))}
            />
          )}
        </Field>
        {scale && (
          <div className="actions">
            <Button variant="secondary" onClick={() => weigh()}>
              Weigh again
            </Button>
            <Button variant="secondary" onClick={() => weigh('zero')}>
              Zero
            </Button>
            <Button variant="secondary" onClick={() => weigh('tare')}>
              Tare
            </Button>
          </div>
        )}
        <StatusLine message={reading} />
        <div className="actions">
          <Button type="submit" disabled={!grams || Boolean(error)}>
            Add {grams && !error ? `${grams} g` : ''}
          </Button>
          <DismissButton onClick={onCancel} />
        </div>
      </form>
    </Dialog>
  );
}
