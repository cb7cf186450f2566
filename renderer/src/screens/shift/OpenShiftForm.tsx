import { useState, type FormEvent } from 'react';
import { MAX_TENDER_MINOR } from '../../../../shared/domain/amount-input';
import type { ShiftView } from '../../../../shared/domain/shift';
import { errorMessage } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { AmountField } from '../../components/AmountField';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { readAmount } from '../../format/amount';
import { useStoreCurrency } from './use-store-currency';

/** Sales need an open shift: count the float in the drawer and open one. */
export function OpenShiftForm({ onOpened }: { onOpened: (shift: ShiftView) => void }) {
  const api = useApi();
  const currency = useStoreCurrency();
  const [text, setText] = useState('');
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const typed = currency ? readAmount(text, currency, { maxMinor: MAX_TENDER_MINOR, allowZero: true }) : null;
  const floatMinor = typed?.minor ?? null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (floatMinor === null) {
      setMessage({ tone: 'error', text: typed?.error ?? 'Type the counted float, 0 if the drawer is empty.' });
      return;
    }
    try {
      onOpened(await api.shifts.open({ floatMinor }));
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(error, 'open a shift', 'The shift was not opened.') });
    }
  }

  return (
    <Panel title="Open a shift">
      <form className="stack" onSubmit={submit} noValidate>
        <p>No shift is open on this terminal. Count the cash in the drawer (the float) to start selling.</p>
        {currency && <AmountField label="Counted float" currency={currency} value={text} onChange={setText} error={typed?.error} />}
        <div className="actions">
          <Button type="submit" disabled={!currency}>
            Open shift
          </Button>
          <StatusLine message={message} />
        </div>
      </form>
    </Panel>
  );
}
