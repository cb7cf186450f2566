import { useCallback, useState } from 'react';
import type { ConsentPurpose, CustomerSummary } from '../../../../shared/domain/customer';
import { useApi } from '../../bridge/use-api';
import { useQuery } from '../../bridge/use-query';
import { Button, DismissButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { customerError, PURPOSE_LABELS } from './customer-errors';

export interface ConsentSubject {
  id: string;
  name: string;
  consents: CustomerSummary['consents'];
  hasEmail: boolean;
}

/**
 * A consent asked for or withdrawn on an existing customer. The text is shown before it is recorded and
 * its version is what main records (main refuses a version that is not the current one). Withdrawing is
 * one press. `only` narrows the dialog to one purpose, e.g. when an e-mailed receipt needs it.
 */
export function ConsentDialog({
  customer,
  only,
  intro,
  onChanged,
  onClose,
}: {
  customer: ConsentSubject;
  only?: ConsentPurpose;
  intro?: string;
  onChanged: (customer: CustomerSummary, text: string) => void;
  onClose: () => void;
}) {
  const api = useApi();
  const texts = useQuery(useCallback(() => api.customers.consentTexts(), [api]));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const purposes = only ? [only] : (Object.keys(PURPOSE_LABELS) as ConsentPurpose[]);

  async function change(purpose: ConsentPurpose, give: boolean) {
    if (texts.status !== 'ready') return;
    setBusy(true);
    setProblem(null);
    try {
      const updated = give
        ? await api.customers.giveConsent({ customerId: customer.id, purpose, textVersion: texts.data[purpose].version })
        : await api.customers.withdrawConsent({ customerId: customer.id, purpose });
      onChanged(updated, `${PURPOSE_LABELS[purpose]}: consent ${give ? 'recorded' : 'withdrawn'} for ${updated.name}.`);
    } catch (error) {
      setProblem(customerError(error, give ? 'record the consent' : 'withdraw the consent'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Consents of ${customer.name}`} onClose={onClose}>
      {intro && <p>{intro}</p>}
      {texts.status === 'error' && (
        <p className="message message--error" role="alert">
          {customerError(texts.error, 'load the consent texts')}
        </p>
      )}
      {texts.status === 'ready' && (
        <ul className="consent-list">
          {purposes.map((purpose) => {
            const given = customer.consents[purpose];
            const needsEmail = purpose === 'email_receipts' && !customer.hasEmail;
            return (
              <li key={purpose} className="stack" aria-label={PURPOSE_LABELS[purpose]}>
                <strong>
                  {PURPOSE_LABELS[purpose]}: {given ? 'given' : 'not given'}
                </strong>
                {given ? (
                  <Button variant="secondary" disabled={busy} onClick={() => void change(purpose, false)}>
                    Withdraw {PURPOSE_LABELS[purpose].toLowerCase()}
                  </Button>
                ) : needsEmail ? (
                  <p className="muted">No e-mail address on record: a manager adds one on the Customers screen.</p>
                ) : (
                  <>
                    <blockquote className="consent-text">{texts.data[purpose].text}</blockquote>
                    <Button disabled={busy} onClick={() => void change(purpose, true)}>
                      Customer agrees: {PURPOSE_LABELS[purpose].toLowerCase()}
                    </Button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {problem && (
        <p className="message message--error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <DismissButton onClick={onClose}>Close</DismissButton>
      </div>
    </Dialog>
  );
}
