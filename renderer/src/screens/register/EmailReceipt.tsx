import { useEffect, useState } from 'react';
import type { CustomerSummary } from '../../../../shared/domain/customer';
import { useApi } from '../../bridge/use-api';
import { Button } from '../../components/Button';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { ConsentDialog } from '../customers/ConsentDialog';
import { customerError } from '../customers/customer-errors';

/**
 * E-mail the receipt to the sale's customer; NoPOS sends it. Without their consent the button asks for
 * it first (the text shown, then recorded) and sends once it is given; main checks the consent again.
 */
export function EmailReceipt({ saleId, receiptNumber }: { saleId: string; receiptNumber: string }) {
  const api = useApi();
  const [customer, setCustomer] = useState<CustomerSummary | null>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const [sent, setSent] = useState(false);
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    let current = true;
    api.customers.ofSale({ saleId }).then(
      (c) => current && setCustomer(c),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, saleId]);

  function send() {
    void api.customers.emailReceipt({ receiptNumber }).then(
      (r) => (setSent(true), setMessage({ tone: 'ok', text: `Receipt queued for ${r.to}: NoPOS sends it.` })),
      (error: unknown) => setMessage({ tone: 'error', text: customerError(error, 'e-mail the receipt') }),
    );
  }

  if (!customer?.maskedEmail) return null;
  return (
    <div className="stack">
      <Button variant="secondary" disabled={sent} onClick={() => (customer.consents.email_receipts ? send() : setAsking(true))}>
        E-mail receipt
      </Button>
      <StatusLine message={message} />
      {asking && (
        <ConsentDialog
          customer={{ ...customer, hasEmail: true }}
          only="email_receipts"
          intro={`${customer.name} has not agreed to e-mailed receipts. Read them this text; record it only if they agree.`}
          onChanged={(c) => {
            setCustomer(c);
            setAsking(false);
            if (c.consents.email_receipts) send();
          }}
          onClose={() => setAsking(false)}
        />
      )}
    </div>
  );
}
