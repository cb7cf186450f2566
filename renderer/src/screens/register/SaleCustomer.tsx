import { useEffect, useState } from 'react';
import type { CustomerSummary } from '../../../../shared/domain/customer';
import { useApi } from '../../bridge/use-api';
import { Button } from '../../components/Button';
import { AttachCustomerDialog } from '../customers/AttachCustomerDialog';
import { ConsentDialog } from '../customers/ConsentDialog';
import { customerError } from '../customers/customer-errors';

/** The open sale's customer, if any: name and masked contact only, with attach and remove. */
export function SaleCustomer({ saleId, locked }: { saleId: string; locked: boolean }) {
  const api = useApi();
  const [customer, setCustomer] = useState<CustomerSummary | null>(null);
  const [picking, setPicking] = useState(false);
  const [asking, setAsking] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function remove() {
    setProblem(null);
    try {
      await api.customers.detach({ saleId });
      setCustomer(null);
    } catch (error) {
      setProblem(customerError(error, 'remove the customer'));
    }
  }

  useEffect(() => {
    let current = true;
    api.customers.ofSale({ saleId }).then(
      (c) => current && setCustomer(c),
      () => current && setCustomer(null),
    );
    return () => {
      current = false;
    };
  }, [api, saleId]);

  return (
    <div className="sale-customer" aria-label="Customer">
      {customer ? (
        <>
          <span data-testid="sale-customer">
            <strong>{customer.name}</strong> <span className="muted">{customer.maskedEmail ?? customer.maskedPhone}</span>
          </span>
          <Button variant="secondary" className="button--small" onClick={() => (setNotice(null), setAsking(true))}>
            Consents
          </Button>
          {!locked && (
            <Button variant="secondary" className="button--small" onClick={() => void remove()}>
              Remove customer
            </Button>
          )}
        </>
      ) : (
        <Button variant="secondary" className="button--small" disabled={locked} onClick={() => setPicking(true)}>
          Add customer
        </Button>
      )}
      {problem && (
        <p className="message message--error" role="alert">
          {problem}
        </p>
      )}
      {notice && (
        <p className="message message--ok" role="status">
          {notice}
        </p>
      )}
      {asking && customer && (
        <ConsentDialog
          customer={{ ...customer, hasEmail: customer.maskedEmail !== null }}
          onChanged={(c, text) => {
            setCustomer(c);
            setNotice(text);
            setAsking(false);
          }}
          onClose={() => setAsking(false)}
        />
      )}
      {picking && (
        <AttachCustomerDialog
          saleId={saleId}
          onAttached={(c) => {
            setCustomer(c);
            setPicking(false);
          }}
          onCancel={() => setPicking(false)}
        />
      )}
    </div>
  );
}
