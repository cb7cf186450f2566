import { useState } from 'react';
import type { CustomerRecord } from '../../../../shared/domain/customer';
import { useApi } from '../../bridge/use-api';
import { Button, DismissButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ContactFields } from './ContactFields';
import { customerError } from './customer-errors';

/** A manager corrects a customer's name, e-mail or phone; main checks every field again. */
export function CustomerDetailsDialog({
  customer,
  onSaved,
  onCancel,
}: {
  customer: CustomerRecord;
  onSaved: (record: CustomerRecord) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const [name, setName] = useState(customer.name);
  const [email, setEmail] = useState(customer.email ?? '');
  const [phone, setPhone] = useState(customer.phone ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function save() {
    setBusy(true);
    setProblem(null);
    try {
      onSaved(
        await api.customers.update({
          customerId: customer.id,
          customer: { name, email: email.trim() || null, phone: phone.trim() || null },
        }),
      );
    } catch (error) {
      setBusy(false);
      setProblem(customerError(error, 'change the details'));
    }
  }

  return (
    <Dialog title={`Details of ${customer.name}`} onClose={onCancel}>
      <form
        className="stack"
        aria-label="Customer details"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <ContactFields
          contact={{ name, email, phone }}
          onChange={(c) => {
            setName(c.name);
            setEmail(c.email);
            setPhone(c.phone);
          }}
        />
        {problem && (
          <p className="message message--error" role="alert">
            {problem}
          </p>
        )}
        <div className="actions">
          <Button type="submit" disabled={busy || name.trim().length === 0}>
            Save details
          </Button>
          <DismissButton onClick={onCancel}>Cancel</DismissButton>
        </div>
      </form>
    </Dialog>
  );
}
