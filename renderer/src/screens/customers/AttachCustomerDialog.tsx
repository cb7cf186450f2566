import { useCallback, useState } from 'react';
import type { CustomerSummary } from '../../../../shared/domain/customer';
import { useApi } from '../../bridge/use-api';
import { Button, DismissButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { customerError } from './customer-errors';
import { CustomerSearch } from './CustomerSearch';
import { NewCustomerForm } from './NewCustomerForm';

/** Attach a customer to the open sale: found by search, or added on the spot with their consent. */
export function AttachCustomerDialog({
  saleId,
  onAttached,
  onCancel,
}: {
  saleId: string;
  onAttached: (customer: CustomerSummary) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const [mode, setMode] = useState<'find' | 'new'>('find');
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const onError = useCallback((text: string) => setMessage({ tone: 'error', text }), []);

  async function attach(customer: CustomerSummary) {
    try {
      onAttached(await api.customers.attach({ saleId, customerId: customer.id }));
    } catch (error) {
      onError(customerError(error, 'attach this customer'));
    }
  }

  return (
    <Dialog title="Customer for this sale" onClose={onCancel}>
      <div className="actions" role="group" aria-label="Find or add">
        <Button variant={mode === 'find' ? 'primary' : 'secondary'} aria-pressed={mode === 'find'} onClick={() => setMode('find')}>
          Find
        </Button>
        <Button variant={mode === 'new' ? 'primary' : 'secondary'} aria-pressed={mode === 'new'} onClick={() => setMode('new')}>
          New customer
        </Button>
      </div>
      <StatusLine message={message} />
      {mode === 'find' ? (
        <CustomerSearch actionLabel="Attach" onPick={(c) => void attach(c)} onError={onError} />
      ) : (
        <NewCustomerForm onCreated={(c) => void attach(c)} onError={onError} />
      )}
      <div className="actions">
        <DismissButton onClick={onCancel} />
      </div>
    </Dialog>
  );
}
