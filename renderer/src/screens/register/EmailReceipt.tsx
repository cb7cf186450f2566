import { useEffect, useState } from 'react';
import type { CustomerSummary } from '../../../../shared/domain/customer';
import { useApi } from '../../bridge/use-api';
import { Button } from '../../components/Button';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { customerError } from '../customers/customer-errors';

/** E-mail the receipt to the sale's customer: offered only with their consent; NoPOS sends it. */
export function EmailReceipt({ saleId, receiptNumber }: { saleId: string; receiptNumber: string }) {
  const api = useApi();
  const [customer, setCustomer] = useState<CustomerSummary | null>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    let current = true;
    api.customers.ofSale({ saleId }).then((c) => current && setCustomer(c), () => undefined);
    return () => {
      current = false;
    };
  }, [api, saleId]);

  if (!customer?.consents.email_receipts) return null;
  return (
    <div className="stack">
      <Button
        variant="secondary"
        disabled={sent}
        onClick={() =>
          void api.customers.emailReceipt({ receiptNumber }).then(
            (r) => (setSent(true), setMessage({ tone: 'ok', text: `Receipt queued for ${r.to}: NoPOS sends it.` })),
            (error: unknown) => setMessage({ tone: 'error', text: customerError(error, 'e-mail the receipt') }),
          )
        }
      >
        E-mail receipt
      </Button>
      <StatusLine message={message} />
    </div>
  );
}
