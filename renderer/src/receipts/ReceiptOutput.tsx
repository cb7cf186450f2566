import { useState } from 'react';
import type { PrintOutcome } from '../../../shared/domain/receipt';
import { errorMessage } from '../bridge/messages';
import { Button } from '../components/Button';
import { StatusLine, type StatusMessage } from '../components/StatusLine';

function said(outcome: PrintOutcome | null): StatusMessage | null {
  if (!outcome) return null;
  switch (outcome.outcome) {
    case 'printed':
      return { tone: 'ok', text: 'Sent to the printer.' };
    case 'saved':
      return { tone: 'ok', text: `Saved as ${outcome.fileName ?? 'a PDF'}.` };
    case 'cancelled':
      return { tone: 'info', text: 'Cancelled: nothing printed or saved.' };
  }
}

/**
 * "Print" and "Save PDF" for one document; the caller says which channel (first copy, reprint, report),
 * and may leave Print out (a receipt already on paper, or a terminal that makes none).
 */
export function ReceiptOutput({
  what,
  output,
  print = true,
}: {
  what: string;
  output: (kind: 'print' | 'pdf') => Promise<PrintOutcome | null>;
  print?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  async function run(kind: 'print' | 'pdf') {
    setBusy(true);
    setMessage(null);
    try {
      setMessage(said(await output(kind)));
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(error, `print ${what}`, `Could not output the ${what}.`) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="actions">
      {print && (
        <Button variant="secondary" disabled={busy} onClick={() => void run('print')}>
          Print
        </Button>
      )}
      <Button variant="secondary" disabled={busy} onClick={() => void run('pdf')}>
        Save PDF
      </Button>
      <StatusLine message={message} />
    </div>
  );
}
