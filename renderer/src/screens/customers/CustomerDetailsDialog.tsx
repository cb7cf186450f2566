import { useState } from 'react';
import type { CustomerRecord } from '../../../../shared/domain/customer';
import { useApi } from '../../bridge/use-api';
import { Button, DismissButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
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
        <Field label="Name">
          {(props) => (
            <input {...props} className="input" value={name} maxLength={80} autoComplete="off" onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field label="E-mail" help="An e-mail address or a phone number is needed.">
          {(props) => (
            <input
              {...props}
              className="input"
              type="email"
              value={email}
              maxLength={254}
              autoComplete="off"
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label="Phone">
          {(props) => (
            <input
              {...props}
              className="input"
              type="tel"
              value={phone}
              maxLength={24}
              autoComplete="off"
              onChange={(e) => setPhone(e.target.value)}
            />
          )}
        </Field>
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
