import { useMemo, useRef, useState, type FormEvent } from 'react';
import { MAX_TENDER_MINOR } from '../../../../shared/domain/amount-input';
import { minorDigits } from '../../../../shared/domain/money';
import { uuidv7 as newClientId } from '../../../../shared/domain/ids';
import { errorMessage } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { AmountField } from '../../components/AmountField';
import { Button } from '../../components/Button';
import { readAmount } from '../../format/amount';
import { formatMoney } from '../../format/money';
import type { TenderFormProps } from './tender-methods';

const NOTES_MAJOR = [5, 10, 20, 50, 100];

/** The exact amount, then the next round notes above it: what customers usually hand over. */
export function quickAmounts(dueMinor: number, currency: string): number[] {
  const unit = 10 ** minorDigits(currency);
  const amounts = [dueMinor];
  for (const note of NOTES_MAJOR) {
    const step = note * unit;
    const next = Math.ceil(dueMinor / step) * step;
    if (next > dueMinor && !amounts.includes(next)) amounts.push(next);
    if (amounts.length === 4) break;
  }
  return amounts.filter((a) => a > 0);
}

/** Cash: type or tap the amount given; anything at or above what is due completes the sale. */
export function CashTender({ sale, onTendered, onError, inputRef }: TenderFormProps) {
  const api = useApi();
  const currency = sale.totals.currency;
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  // One id per tender: a double tap or a retry after a lost answer takes the money once.
  const paymentId = useRef(newClientId());
  const due = sale.cashDueMinor;
  const typed = readAmount(text, currency, { maxMinor: MAX_TENDER_MINOR });
  const given = typed.minor;
  const quick = useMemo(() => quickAmounts(due, currency), [due, currency]);

  function edit(next: string) {
    if (next !== text) paymentId.current = newClientId();
    setText(next);
  }

  async function take(givenMinor: number) {
    if (busy || givenMinor <= 0) return;
    setBusy(true);
    try {
      const outcome = await api.sales.tenderCash({ saleId: sale.saleId, paymentId: paymentId.current, givenMinor });
      paymentId.current = newClientId();
      setText('');
      onTendered(outcome);
    } catch (error) {
      onError(errorMessage(error, 'take payments', 'The payment was not taken.'));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (given) void take(given);
  }

  return (
    <form className="stack stack--tight" onSubmit={submit} noValidate aria-label="Cash payment">
      {/* The total above says it, unless cash rounding or a part payment makes the cash due differ. */}
      <p className={due === sale.totals.totalMinor ? 'visually-hidden' : 'tender__due'}>
        Cash due <strong data-testid="cash-due">{formatMoney(due, currency)}</strong>
      </p>
      <AmountField ref={inputRef} label="Cash given" currency={currency} value={text} onChange={edit} error={typed.error} />
      <div className="quick-amounts" role="group" aria-label="Quick amounts">
        {quick.map((amount, i) => (
          <button key={amount} type="button" className="quick-amounts__item" disabled={busy} onClick={() => void take(amount)}>
            {i === 0 ? `Exact ${formatMoney(amount, currency)}` : formatMoney(amount, currency)}
          </button>
        ))}
      </div>
      <Button type="submit" disabled={busy || !given}>
        {given && given < due
          ? `Take ${formatMoney(given, currency)} (part)`
          : `Take cash${given ? ` ${formatMoney(given, currency)}` : ''}`}
      </Button>
    </form>
  );
}
