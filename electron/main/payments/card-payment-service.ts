import type { OfflinePaymentsStatus, CardReaderView, PaymentPolicy, TestCardId } from '../../../shared/domain/card-payment';
import type { SaleView } from '../../../shared/domain/sale';
import type { TenderCardResult } from '../../../shared/ipc/areas/card-tender';
import { AppError } from '../../../shared/ipc/errors';
import type { SelectedCardReader } from '../devices/card-reader-selection';
import type { CheckoutService } from '../sales/checkout-service';
import { CardCancelled, CardDeclined, DECLINE_MESSAGES } from './card-outcomes';
import { CardTender, type CardTenderDeps } from './card-tender';
import { pendingAttemptMessage, type CardAttemptResolver } from './card-attempt-resolver';

export interface CardPaymentDeps extends Omit<CardTenderDeps, 'reader'> {
  /** Settles the sale's interrupted card attempts before another card is charged for it. */
  resolver: CardAttemptResolver;
  device: SelectedCardReader;
  checkout: CheckoutService;
  /** The open sale (the one a tender is for), as the page sees it. */
  openSale: () => SaleView | null;
  storeCurrency: () => string;
}

export interface CardTenderCall {
  saleId: string;
  paymentId: string;
  amountMinor?: number | undefined;
  policy: PaymentPolicy;
}

/** Card payments through the register's split tender, the reader's dev controls and the offline status. */
export class CardPaymentService {
  constructor(private readonly deps: CardPaymentDeps) {}

  async tenderCard(call: CardTenderCall, actor: { staffId: string; stepUp: () => { approverId?: string } }): Promise<TenderCardResult> {
    const open = this.deps.openSale();
    // Another sale id is refused by the checkout before any card is read; the currency is then moot.
    const currency = open?.saleId === call.saleId ? open.totals.currency : this.deps.storeCurrency();
    const { saleId, paymentId, policy, amountMinor } = call;
    // Never a second approval for one sale while an earlier one may stand: settle those first.
    const earlier = await this.deps.resolver.resolve(saleId);
    const attached = earlier.attached.at(-1);
    if (attached)
      return { outcome: 'paid', status: 'captured', sale: attached.result.sale, receipt: attached.result.receipt, warning: null };
    const pending = earlier.pending[0];
    if (pending) throw new AppError('conflict', pendingAttemptMessage(pending));
    const tender = new CardTender(
      { ...this.deps, reader: this.deps.device.reader },
      {
        saleId,
        paymentId,
        policy,
        currency,
        staffId: actor.staffId,
        stepUp: actor.stepUp,
        ...(amountMinor === undefined ? {} : { amountMinor }),
      },
    );
    try {
      const result = await this.deps.checkout.tender(call.saleId, call.paymentId, tender, actor.staffId);
      const payment = result.sale.payments.find((p) => p.paymentId === call.paymentId);
      const status = payment?.status === 'approved_offline' ? 'approved_offline' : 'captured';
      const warning = tender.ageWarning ? 'Offline card payments have waited over 24 h: reconnect so they can be forwarded.' : null;
      return { outcome: 'paid', status, sale: result.sale, receipt: result.receipt, warning };
    } catch (error) {
      const sale = this.deps.openSale();
      if (!sale || sale.saleId !== call.saleId) throw error;
      if (error instanceof CardDeclined) {
        this.deps.audit.record({
          action: 'payment.declined',
          actorId: actor.staffId,
          target: call.saleId,
          details: { paymentId: call.paymentId, code: error.code },
        });
        return { outcome: 'declined', code: error.code, message: DECLINE_MESSAGES[error.code], sale };
      }
      if (error instanceof CardCancelled) {
        return {
          outcome: 'cancelled',
          message: error.reason === 'timeout' ? 'No card was presented in time.' : 'The card payment was cancelled.',
          sale,
        };
      }
      throw error;
    } finally {
      tender.release();
    }
  }

  reader(): CardReaderView {
    const { reader, simulated } = this.deps.device;
    return {
      kind: reader.kind,
      name: reader.name,
      testCards: simulated ? simulated.testCards : null,
      selectedTestCard: simulated ? simulated.selectedCard : null,
    };
  }

  selectTestCard(cardId: TestCardId): CardReaderView {
    if (!this.deps.device.simulated) throw new AppError('unavailable', 'Test cards exist only on the simulated card reader.');
    this.deps.device.simulated.select(cardId);
    return this.reader();
  }

  offlineStatus(): OfflinePaymentsStatus {
    return this.deps.offline.status(this.deps.limits(), this.deps.storeCurrency(), this.deps.now());
  }
}
