import { useEffect, type Ref } from 'react';
import { useApi } from '../../bridge/use-api';
import type { SaleView } from '../../../../shared/domain/sale';
import { Kbd } from '../../components/Kbd';
import { formatMoney } from '../../format/money';
import { TENDER_METHODS, type TenderOutcome } from './tender-methods';

/** Pay: pick a method (cash or card), take part or all of what is due; the sale completes when paid. */
export function TenderPanel({
  sale,
  method,
  onMethod,
  onTendered,
  onError,
  inputRef,
}: {
  sale: SaleView;
  method: string;
  onMethod: (id: string) => void;
  onTendered: (outcome: TenderOutcome) => void;
  onError: (text: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const api = useApi();
  // Before money changes hands: ask the printer now, so a missing roll shows (in the device strip) before the tender.
  useEffect(() => {
    api.devices.status({ refresh: true }).catch(() => {});
  }, [api]);
  const current = TENDER_METHODS.find((m) => m.id === method) ?? TENDER_METHODS[0];
  if (!current) return null;
  const currency = sale.totals.currency;
  return (
    <section className="tender" aria-labelledby="tender-title">
      <h2 id="tender-title" className="visually-hidden">
        Payment
      </h2>
      <div className="group-tabs" role="group" aria-label="Payment method">
        {TENDER_METHODS.map((m) => (
          <button
            key={m.id}
            type="button"
            className="group-tabs__item"
            aria-pressed={m.id === current.id}
            aria-keyshortcuts={m.shortcut}
            onClick={() => onMethod(m.id)}
          >
            {m.label} <Kbd>{m.shortcut}</Kbd>
          </button>
        ))}
      </div>
      {sale.payments.length > 0 && (
        <ul className="payments" aria-label="Payments taken">
          {sale.payments.map((p) => (
            <li key={p.paymentId}>
              {p.method === 'cash' ? 'Cash' : `Card ${p.card?.brand ?? ''} ${p.card ? `•••• ${p.card.last4}` : ''}`}:{' '}
              {formatMoney(p.amountMinor, currency)}
            </li>
          ))}
        </ul>
      )}
      <current.Form key={current.id} sale={sale} onTendered={onTendered} onError={onError} inputRef={inputRef} />
    </section>
  );
}
