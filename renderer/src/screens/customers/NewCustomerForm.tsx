import { useCallback, useState } from 'react';
import type { ConsentPurpose, CustomerSummary } from '../../../../shared/domain/customer';
import { useApi } from '../../bridge/use-api';
import { useQuery } from '../../bridge/use-query';
import { Button } from '../../components/Button';
import { ContactFields } from './ContactFields';
import { customerError, PURPOSE_LABELS } from './customer-errors';

/**
 * A customer added on the spot: name and an e-mail or phone, and each consent asked separately with
 * its text shown (the version shown is what main records). Main checks every field again.
 */
export function NewCustomerForm({
  onCreated,
  onError,
}: {
  onCreated: (customer: CustomerSummary) => void;
  onError: (text: string) => void;
}) {
  const api = useApi();
  const texts = useQuery(useCallback(() => api.customers.consentTexts(), [api]));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [consents, setConsents] = useState<Record<ConsentPurpose, boolean>>({ email_receipts: false, marketing: false });
  const [busy, setBusy] = useState(false);

  async function save() {
    if (texts.status !== 'ready') return;
    setBusy(true);
    try {
      const given = (Object.keys(consents) as ConsentPurpose[])
        .filter((p) => consents[p])
        .map((purpose) => ({ purpose, textVersion: texts.data[purpose].version }));
      onCreated(
        await api.customers.create({ customer: { name, email: email.trim() || null, phone: phone.trim() || null }, consents: given }),
      );
    } catch (error) {
      onError(customerError(error, 'add this customer'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="stack"
      aria-label="New customer"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="form-grid">
        <ContactFields
          contact={{ name, email, phone }}
          onChange={(c) => {
            setName(c.name);
            setEmail(c.email);
            setPhone(c.phone);
          }}
        />
      </div>
      {texts.status === 'ready' && (
        <fieldset className="consents">
          <legend>Read to the customer, and tick only what they agree to</legend>
          {(Object.keys(PURPOSE_LABELS) as ConsentPurpose[]).map((purpose) => (
            <label key={purpose} className="consent">
              <input
                type="checkbox"
                checked={consents[purpose]}
                onChange={(e) => setConsents({ ...consents, [purpose]: e.target.checked })}
              />
              <span>
                <strong>{PURPOSE_LABELS[purpose]}</strong>: {texts.data[purpose].text}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="actions">
        <Button type="submit" disabled={busy || name.trim().length === 0 || texts.status !== 'ready'}>
          Add customer
        </Button>
      </div>
    </form>
  );
}
