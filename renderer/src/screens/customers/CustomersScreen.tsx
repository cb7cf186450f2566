import { useCallback, useState } from 'react';
import type { CustomerSummary } from '../../../../shared/domain/customer';
import { Panel } from '../../components/Panel';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { CustomerRecordPanel } from './CustomerRecordPanel';
import { CustomerSearch } from './CustomerSearch';

/** For managers: a customer's record and consents, their data export, and erasure. */
export function CustomersScreen() {
  const [open, setOpen] = useState<CustomerSummary | null>(null);
  // A fresh search after an erasure: the old results still name the person.
  const [searchRound, setSearchRound] = useState(0);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const onError = useCallback((text: string) => setMessage({ tone: 'error', text }), []);
  return (
    <div className="stack">
      <h1>Customers</h1>
      <StatusLine message={message} />
      <Panel title="Find">
        <CustomerSearch key={searchRound} actionLabel="Open" onPick={(c) => (setMessage(null), setOpen(c))} onError={onError} />
      </Panel>
      {open && (
        <CustomerRecordPanel
          key={open.id}
          customerId={open.id}
          onMessage={setMessage}
          onGone={() => {
            setOpen(null);
            setSearchRound((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}
