import { useCallback, useRef, useState, type FormEvent } from 'react';
import type { TestCardId } from '../../../../shared/domain/card-payment';
import { uuidv7 as newClientId } from '../../../../shared/domain/ids';
import { MAX_TENDER_MINOR } from '../../../../shared/domain/amount-input';
import { errorMessage } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { useQuery } from '../../bridge/use-query';
import { AmountField } from '../../components/AmountField';
import { Button } from '../../components/Button';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { readAmount } from '../../format/amount';
import { formatMoney } from '../../format/money';
import { useGuardedAction } from '../../session/use-guarded-action';
import type { TenderFormProps } from './tender-methods';

/**
 * Card: main asks the reader for a token and authorizes it (or stores it offline within the limits).
 * Over an offline cap a manager approves this exact payment. The simulated reader's test-card picker
 * shows only when main says the simulated reader is the one in use.
 */
export function CardTender({ sale, onTendered, onError, inputRef }: TenderFormProps) {
  const api = useApi();
  const { run, dialog } = useGuardedAction();
  const currency = sale.totals.currency;
  const due = sale.remainingMinor;
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  // One id per attempt: a retry after a lost answer pays once; a decline makes the next attempt a new one.
  const paymentId = useRef(newClientId());
  const reader = useQuery(useCallback(() => api.payments.reader(), [api]));
  const offline = useQuery(useCallback(() => api.payments.offlineStatus(), [api]));
  // A part payment is at most what is still due.
  const typed = readAmount(text, currency, { maxMinor: Math.min(due, MAX_TENDER_MINOR) });
  const part = typed.minor;
  const amountMinor = text.trim() ? (part ?? 0) : due;

  async function pick(cardId: TestCardId) {
    await api.payments.selectTestCard({ cardId });
    reader.reload();
  }

  async function take(event: FormEvent) {
    event.preventDefault();
    if (busy || amountMinor <= 0 || amountMinor > due) return;
    setBusy(true);
    setMessage({ tone: 'info', text: 'Present the card on the reader…' });
    const request = { saleId: sale.saleId, paymentId: paymentId.current, ...(part ? { amountMinor: part } : {}) };
    try {
      const result = await run(
        'sales.tenderCard',
        request,
        `a card payment of ${formatMoney(amountMinor, currency)} stored offline over the limit`,
      );
      if (!result) return setMessage(null);
      paymentId.current = newClientId();
      if (result.outcome !== 'paid') return setMessage({ tone: 'error', text: result.message });
      setText('');
      setMessage(
        result.warning
          ? { tone: 'error', text: result.warning }
          : {
              tone: 'ok',
              text: result.status === 'captured' ? 'Card approved.' : 'Card stored offline, to be authorised when the terminal is online.',
            },
      );
      offline.reload();
      onTendered({ sale: result.sale, changeMinor: 0, receipt: result.receipt });
    } catch (error) {
      setMessage(null);
      onError(errorMessage(error, 'take card payments', 'The card payment was not taken.'));
    } finally {
      setBusy(false);
    }
  }

  const stored = offline.status === 'ready' ? offline.data : null;
  const testCards = reader.status === 'ready' ? reader.data.testCards : null;
  return (
    <form className="stack stack--tight" onSubmit={(e) => void take(e)} noValidate aria-label="Card payment">
      <p className="tender__due">
        Card due <strong data-testid="card-due">{formatMoney(due, currency)}</strong>
      </p>
      <AmountField
        ref={inputRef}
        label="Card amount (empty: all of it)"
        currency={currency}
        value={text}
        onChange={setText}
        error={typed.error}
      />
      {testCards && reader.status === 'ready' && (
        <label className="field">
          <span className="field__label">Test card (simulated reader)</span>
          <select
            className="input"
            data-testid="test-card"
            value={reader.data.selectedTestCard ?? 'approve'}
            onChange={(e) => void pick(e.target.value as TestCardId)}
          >
            {testCards.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {stored && stored.count > 0 && (
        <p className={stored.ageState === 'ok' ? 'muted' : 'message message--error'} data-testid="offline-payments">
          {stored.count} offline card payment{stored.count === 1 ? '' : 's'} waiting to be forwarded
          {stored.ageState === 'warn'
            ? ': the oldest is over 24 h old.'
            : stored.ageState === 'limit'
              ? ': at the age limit, new offline card payments are refused.'
              : '.'}
        </p>
      )}
      <Button type="submit" disabled={busy || amountMinor <= 0 || amountMinor > due}>
        {busy ? 'Waiting for the card…' : `Take card ${formatMoney(amountMinor, currency)}`}
      </Button>
      <StatusLine message={message} />
      {dialog}
    </form>
  );
}
