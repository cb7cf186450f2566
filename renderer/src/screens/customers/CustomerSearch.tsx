import { useEffect, useState } from 'react';
import type { CustomerSummary } from '../../../../shared/domain/customer';
import { useApi } from '../../bridge/use-api';
import { Field } from '../../components/Field';
import { customerError } from './customer-errors';

/** Find a customer by name, e-mail or phone (2 characters or more); each result is one button. */
export function CustomerSearch({
  actionLabel,
  onPick,
  onError,
}: {
  actionLabel: string;
  onPick: (customer: CustomerSummary) => void;
  onError: (text: string) => void;
}) {
  const api = useApi();
  const [query, setQuery] = useState('');
  // Results are kept with the query they answer: a shorter query shows none, without a state reset.
  const [answer, setAnswer] = useState<{ query: string; found: CustomerSummary[] } | null>(null);
  const searchable = query.trim().length >= 2;
  const results = searchable && answer?.query === query ? answer.found : null;

  useEffect(() => {
    if (!searchable) return;
    let current = true;
    const timer = setTimeout(() => {
      api.customers.search({ query }).then(
        (found) => current && setAnswer({ query, found }),
        (error: unknown) => current && onError(customerError(error, 'search customers')),
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, query, searchable, onError]);

  return (
    <div className="stack">
      <Field label="Find a customer" help="Name, e-mail or phone.">
        {(props) => (
          <input
            {...props}
            className="input"
            type="search"
            value={query}
            maxLength={80}
            autoComplete="off"
            onChange={(e) => setQuery(e.target.value)}
          />
        )}
      </Field>
      {results && results.length === 0 && <p className="muted">No customer matches.</p>}
      {results && results.length > 0 && (
        <ul className="customer-results" aria-label={`Customers found: choose one to ${actionLabel.toLowerCase()}`}>
          {results.map((c) => (
            <li key={c.id}>
              <button type="button" className="button button--secondary customer-result" onClick={() => onPick(c)}>
                <strong>{c.name}</strong>
                <span className="muted">{[c.maskedEmail, c.maskedPhone].filter(Boolean).join(' · ')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
