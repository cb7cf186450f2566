import { useState, type FormEvent } from 'react';
import { MAX_COUNTED_MINOR } from '../../../../shared/domain/amount-input';
import type { CountDiffers, ShiftReport } from '../../../../shared/domain/shift';
import { errorMessage } from '../../bridge/messages';
import { AmountField } from '../../components/AmountField';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { readAmount } from '../../format/amount';
import { formatMoney } from '../../format/money';
import { useGuardedAction } from '../../session/use-guarded-action';

/** "€1.00 short" or "€0.50 over": what a count off by `differenceMinor` (counted − expected) means. */
function shortOrOver(differenceMinor: number, currency: string): string {
  return `${formatMoney(Math.abs(differenceMinor), currency)} ${differenceMinor < 0 ? 'short' : 'over'}`;
}

/** Count the drawer and close: main compares the count with what it expects and answers the Z report. */
export function CloseShiftForm({ currency, onClosed }: { currency: string; onClosed: (report: ShiftReport) => void }) {
  const { run, dialog } = useGuardedAction();
  const [text, setText] = useState('');
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const [differs, setDiffers] = useState<CountDiffers | null>(null);
  const typed = readAmount(text, currency, { maxMinor: MAX_COUNTED_MINOR, allowZero: true });
  const countedMinor = typed.minor;

  async function close(countedMinor: number, confirmDifferenceMinor?: number) {
    const request = { countedMinor, ...(confirmDifferenceMinor !== undefined ? { confirmDifferenceMinor } : {}) };
    const what = `closing the shift with ${formatMoney(countedMinor, currency)} counted${confirmDifferenceMinor ? ` (${shortOrOver(confirmDifferenceMinor, currency)})` : ''}`;
    try {
      const answer = await run('shifts.close', request, what);
      if (!answer) return;
      if ('outcome' in answer) {
        setDiffers(answer);
        return;
      }
      onClosed(answer);
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(error, 'close the shift', 'The shift is still open.') });
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setDiffers(null);
    if (countedMinor === null) {
      setMessage({ tone: 'error', text: typed.error ?? 'Type the cash counted in the drawer.' });
      return;
    }
    void close(countedMinor);
  }

  return (
    <Panel title="Close the shift">
      <form className="stack" onSubmit={submit} noValidate>
        <p>Count every note and coin in the drawer. The Z report shows the expected cash, your count and the difference.</p>
        <AmountField label="Counted cash" currency={currency} value={text} onChange={setText} error={typed.error} />
        {differs ? (
          <div className="count-differs" role="alert" data-testid="count-differs">
            <p>
              You counted <strong>{formatMoney(differs.countedMinor, currency)}</strong>; the drawer should hold{' '}
              <strong>{formatMoney(differs.expectedMinor, currency)}</strong>:{' '}
              <strong>{shortOrOver(differs.differenceMinor, currency)}</strong>.
            </p>
            <div className="actions">
              <Button variant="secondary" onClick={() => (setDiffers(null), setText(''))}>
                Count again
              </Button>
              <Button variant="danger" onClick={() => void close(differs.countedMinor, differs.differenceMinor)}>
                Close with {shortOrOver(differs.differenceMinor, currency)}
              </Button>
            </div>
          </div>
        ) : (
          <div className="actions">
            <Button type="submit" variant="danger">
              Close shift
            </Button>
            <StatusLine message={message} />
          </div>
        )}
      </form>
      {dialog}
    </Panel>
  );
}
