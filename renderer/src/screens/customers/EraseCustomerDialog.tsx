import { useState } from 'react';
import type { CustomerRecord } from '../../../../shared/domain/customer';
import { useApi } from '../../bridge/use-api';
import { Button, DismissButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { customerError } from './customer-errors';

/** Erasure after a confirmation: what goes, what stays for tax law, and that it cannot be undone. */
export function EraseCustomerDialog({
  customer,
  onCancel,
  onDone,
  onError,
}: {
  customer: CustomerRecord;
  onCancel: () => void;
  onDone: (text: string) => void;
  onError: (text: string) => void;
}) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  async function erase() {
    setBusy(true);
    try {
      const outcome = await api.customers.erase({ customerId: customer.id, confirm: true });
      onDone(
        outcome.status === 'erased'
          ? `Erased ${customer.name}: their details are gone from this terminal, and NoPOS is told.`
          : `Erasure recorded: a recent sale holds it until ${new Date(outcome.dueAt).toLocaleDateString()}. Consents are withdrawn now.`,
      );
    } catch (error) {
      setBusy(false);
      onError(customerError(error, 'erase this customer'));
    }
  }
  return (
    <Dialog title={`Erase ${customer.name}?`} onClose={onCancel}>
      <p>
        Their name, e-mail, phone and consents are removed from this terminal and from NoPOS. Sales stay, as tax law requires, without their
        name.
      </p>
      <p>This cannot be undone.</p>
      <div className="actions">
        <Button variant="danger" disabled={busy} onClick={() => void erase()}>
          Erase for good
        </Button>
        <DismissButton onClick={onCancel}>Keep</DismissButton>
      </div>
    </Dialog>
  );
}
