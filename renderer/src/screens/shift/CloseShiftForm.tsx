import { useState, type FormEvent } from 'react';
import { parseMinor } from '../../../../shared/domain/money';
import type { ShiftReport } from '../../../../shared/domain/shift';
import { errorMessage } from '../../bridge/messages';
import { AmountField } from '../../components/AmountField';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { formatMoney } from '../../format/money';
import { useGuardedAction } from '../../session/use-guarded-action';

/** Count the drawer and close: main compares the count with what it expects and answers the Z report. */
export function CloseShiftForm({ currency, onClosed }: { currency: string; onClosed: (report: ShiftReport) => void }) {
  const { run, dialog } = useGuardedAction();
  const [text, setText] = useState('');
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const countedMinor = parseMinor(text, currency);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (countedMinor === null) {
      setMessage({ tone: 'error', text: 'Type the cash counted in the drawer.' });
      return;
    }
    const request = { countedMinor };
    try {
      const report = await run('shifts.close', request, `Close the shift with ${formatMoney(countedMinor, currency)} counted`);
      if (report) onClosed(report);
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(error, 'close the shift', 'The shift is still open.') });
    }
  }

  return (
    <Panel title="Close the shift">
      <form className="stack" onSubmit={submit} noValidate>
        <p>Count every note and coin in the drawer. The Z report shows the expected cash, your count and the difference.</p>
        <AmountField label="Counted cash" currency={currency} value={text} onChange={setText} />
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
