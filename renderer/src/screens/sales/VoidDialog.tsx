import { useRef, useState, type FormEvent } from 'react';
import { reasonSchema, type SaleView } from '../../../../shared/domain/sale';
import { uuidv7 as newClientId } from '../../../../shared/domain/ids';
import { errorMessage } from '../../bridge/messages';
import { Button, DismissButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { formatMoney } from '../../format/money';
import { useGuardedAction } from '../../session/use-guarded-action';
import { ReasonField } from '../../components/ReasonField';

/** A void is a new record referencing the sale (nothing is edited); it needs `void:transactions` or a manager. */
export function VoidDialog({ sale, onDone, onCancel }: { sale: SaleView; onDone: (text: string) => void; onCancel: () => void }) {
  const { run, dialog } = useGuardedAction();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const voidId = useRef(newClientId());
  const number = sale.receipt?.receiptNumber ?? '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reasonSchema.safeParse(reason).success) {
      setMessage({ tone: 'error', text: 'A reason of at least 3 characters.' });
      return;
    }
    const request = { voidId: voidId.current, saleId: sale.saleId, reason: reason.trim() };
    try {
      const done = await run(
        'sales.void',
        request,
        `voiding sale ${number} (${formatMoney(sale.totals.totalMinor, sale.totals.currency)})`,
      );
      if (done)
        onDone(`Sale ${number} voided: ${formatMoney(done.totalMinor, done.currency)} back. Void receipt ${done.receipt.receiptNumber}.`);
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(error, 'void sales', 'The sale was not voided.') });
    }
  }

  // While the manager approves, the approval dialog takes the screen; this one steps aside.
  if (dialog) return <>{dialog}</>;
  return (
    <Dialog title={`Void sale ${number}?`} onClose={onCancel}>
      <form className="stack" onSubmit={submit} noValidate>
        <p>The whole sale of {formatMoney(sale.totals.totalMinor, sale.totals.currency)} is cancelled and paid back to its tenders.</p>
        <ReasonField value={reason} onChange={setReason} />
        <div className="actions">
          <Button type="submit" variant="danger">
            Void sale
          </Button>
          <DismissButton onClick={onCancel} />
          <StatusLine message={message} />
        </div>
      </form>
    </Dialog>
  );
}
