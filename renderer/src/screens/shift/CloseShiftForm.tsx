import { useState, type FormEvent } from 'react';
import { MAX_COUNTED_MINOR } from '../../../../shared/domain/amount-input';
import type { ShiftReport } from '../../../../shared/domain/shift';
import { BridgeError } from '../../bridge/client';
import { describeError } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { AmountField } from '../../components/AmountField';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { readAmount } from '../../format/amount';
import { formatMoney } from '../../format/money';
import { useGuardedAction } from '../../session/use-guarded-action';

/** Count the drawer and close: main compares the count with what it expects and answers the Z report. */
export function CloseShiftForm({ currency, onClosed }: { currency: string; onClosed: (report: ShiftReport) => void }) {
  const api = useApi();
  const { run, dialog } = useGuardedAction();
  const [text, setText] = useState('');
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const typed = readAmount(text, currency, { maxMinor: MAX_COUNTED_MINOR, allowZero: true });
  const countedMinor = typed.minor;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (countedMinor === null) {
      setMessage({ tone: 'error', text: typed.error ?? 'Type the cash counted in the drawer.' });
      return;
    }
    const request = { countedMinor };
    try {
      const report = await run({ action: `closing the shift with ${formatMoney(countedMinor, currency)} counted`, channel: 'shifts.close', request }, () => api.shifts.close(request));
      if (report) onClosed(report);
    } catch (error) {
      setMessage({ tone: 'error', text: error instanceof BridgeError ? describeError(error, 'close the shift') : 'The shift is still open.' });
    }
  }

  return (
    <Panel title="Close the shift">
      <form className="stack" onSubmit={submit} noValidate>
        <p>Count every note and coin in the drawer. The Z report shows the expected cash, your count and the difference.</p>
        <AmountField label="Counted cash" currency={currency} value={text} onChange={setText} error={typed.error} />
        <div className="actions">
          <Button type="submit" variant="danger">
            Close shift
          </Button>
          <StatusLine message={message} />
        </div>
      </form>
      {dialog}
    </Panel>
  );
}
