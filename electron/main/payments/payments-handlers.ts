import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import { staffOf } from '../ipc/staff-of';
import type { AttentionEntry } from './declined-payments';
import type { Payments } from './payments-area';

export function createPaymentsHandlers(payments: Pick<Payments, 'cards' | 'declined'>): Handlers<NoposContract>['payments'] {
  const view = (e: AttentionEntry) => {
    const known = payments.declined().payment(e);
    const card = known?.payment.card;
    return {
      entryId: e.id,
      paymentId: e.clientId,
      reason: e.reason,
      createdAt: e.createdAt,
      resolvedAt: e.resolvedAt,
      resolution: e.resolution,
      payment:
        known && card
          ? {
              saleId: known.saleId,
              receiptNumber: known.receiptNumber,
              amountMinor: known.payment.amountMinor,
              currency: known.currency,
              brand: card.brand,
              last4: card.last4,
            }
          : null,
    };
  };
  return {
    reader: () => payments.cards.reader(),
    selectTestCard: ({ cardId }) => payments.cards.selectTestCard(cardId),
    offlineStatus: () => payments.cards.offlineStatus(),
    declined: ({ includeResolved }) => payments.declined().list(includeResolved).map(view),
    resolveDeclined: ({ entryId, resolution }, context) => view(payments.declined().resolve(entryId, resolution, staffOf(context))),
  };
}
