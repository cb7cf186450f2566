import type { Settings } from '../../../shared/domain/settings';
import type { NoposContract } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { SelectedCardReader } from '../devices/card-reader-selection';
import type { SaleView } from '../../../shared/domain/sale';
import type { CheckoutService } from '../sales/checkout-service';
import { SaleRepository } from '../ledger/sale-repository';
import type { Handlers } from '../ipc/registry';
import type { Db } from '../storage/db';
import type { OutboxWriter } from '../storage/outbox';
import { CardPaymentService } from './card-payment-service';
import { CardAttemptResolver, type ResolveReport } from './card-attempt-resolver';
import { CardAttempts } from './card-attempts';
import type { Tx } from '../storage/transaction';
import type { PaymentDeclines } from '../sync/payment-declines';
import {
  DeclinedPayments,
  type AttentionList,
  type DeclinedAfterForward,
  type RecordedCardPayment,
  type SettlementRecorder,
} from './declined-payments';
import { OfflinePaymentStore } from './offline-store';
import type { PaymentGateway } from './payment-gateway';
import { createPaymentsHandlers } from './payments-handlers';

export interface PaymentsDeps {
  db: Db;
  now: () => Date;
  settings: () => Settings;
  audit: AuditTrail;
  outbox: OutboxWriter<'payment'>;
  checkout: CheckoutService;
  /** The open sale, as the page sees it. */
  openSale: () => SaleView | null;
  device: SelectedCardReader;
  gateway: PaymentGateway;
  /** The sync area's needs-attention list; without it a declined-after-forward payment cannot be recorded. */
  attention: AttentionList | null;
  /** The shifts area, where money taken for a declined payment is recorded as the open shift's. */
  settlements: SettlementRecorder;
  log: (entry: Record<string, unknown>) => void;
}

export interface Payments {
  cards: CardPaymentService;
  /** Settles card authorizations left open by a crash or a lost answer (at start, then now and then). */
  resolveCardAttempts(): Promise<ResolveReport>;
  hasOpenCardAttempts(): boolean;
  /** What the sync area's events feed calls for each `payment.declined_after_forward` event, in its transaction. */
  onDeclinedAfterForward(tx: Tx, event: DeclinedAfterForward): void;
  declined(): DeclinedPayments;
  /** The payments channels: the card reader, offline limits, declined-after-forward payments. */
  handlers: Pick<Handlers<NoposContract>, 'payments'>;
}

/** Declined-after-forward payments over the needs-attention list; needs nothing of the rest of the area. */
function declinedPayments(deps: {
  db: Db;
  audit: AuditTrail;
  attention: AttentionList;
  settlements?: SettlementRecorder;
}): DeclinedPayments {
  const { db } = deps;
  // Only a declined-after-forward payment needs its sale's rows: prepare those statements then.
  let salesRows: SaleRepository | null = null;
  const findPayment = (paymentId: string): RecordedCardPayment | null => {
    const sales = (salesRows ??= new SaleRepository(db));
    const saleId = sales.saleOfPayment(paymentId);
    const sale = saleId ? sales.get(saleId) : null;
    const payment = sale ? sales.payments(sale.id).find((p) => p.paymentId === paymentId) : undefined;
    if (!sale || !payment) return null;
    return { saleId: sale.id, payment, currency: sale.currency, receiptNumber: sales.documentByRef(sale.id)?.receipt_number ?? null };
  };
  return new DeclinedPayments({
    ...deps,
    findPayment,
    markDeclined: (tx, id) => (salesRows ??= new SaleRepository(db)).markPaymentDeclined(tx, id),
  });
}

/**
 * The port payments offers sync: a card payment declined after forwarding becomes its needs-attention
 * entry, in sync's transaction. Built from storage alone, so sync can be built before the register.
 */
export function paymentDeclinesPort(deps: { db: Db; audit: AuditTrail; attention: AttentionList }): PaymentDeclines {
  const declined = declinedPayments(deps);
  return { record: (tx, decline) => void declined.onDeclinedAfterForward(tx, decline) };
}

/** The payments area: card tender, offline limits, declined-after-forward resolution. */
export function createPayments(deps: PaymentsDeps): Payments {
  const { db, now, settings, audit, outbox } = deps;
  let salesRows: SaleRepository | null = null;
  const attempts = new CardAttempts(db, now);
  const resolver = new CardAttemptResolver({
    attempts,
    gateway: deps.gateway,
    checkout: deps.checkout,
    audit,
    log: deps.log,
    saleStatus: (saleId) => (salesRows ??= new SaleRepository(db)).get(saleId)?.status ?? null,
  });
  const cards = new CardPaymentService({
    attempts,
    resolver,
    device: deps.device,
    gateway: deps.gateway,
    offline: new OfflinePaymentStore(db),
    outbox,
    audit,
    limits: () => settings().policies.offlinePayments,
    now,
    log: deps.log,
    checkout: deps.checkout,
    openSale: deps.openSale,
    storeCurrency: () => settings().store.currency,
  });
  const declined = deps.attention ? declinedPayments({ db, audit, attention: deps.attention, settlements: deps.settlements }) : null;
  const needDeclined = (): DeclinedPayments => {
    if (!declined) throw new AppError('unavailable', 'The needs-attention list is not available on this terminal yet.');
    return declined;
  };
  return {
    cards,
    resolveCardAttempts: () => resolver.resolve(),
    hasOpenCardAttempts: () => resolver.hasOpen(),
    onDeclinedAfterForward: (tx, event) => void needDeclined().onDeclinedAfterForward(tx, event),
    declined: needDeclined,
    handlers: { payments: createPaymentsHandlers({ cards, declined: needDeclined }) },
  };
}
