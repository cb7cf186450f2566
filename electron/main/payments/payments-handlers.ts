import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import { staffOf } from '../sales/sales-handlers';
import type { AttentionEntry } from './declined-payments';
import type { Payments } from './payments-area';

const view = (e: AttentionEntry) => ({ entryId: e.id, paymentId: e.clientId, reason: e.reason, createdAt: e.createdAt, resolvedAt: e.resolvedAt, resolution: e.resolution });

export function createPaymentsHandlers(payments: Payments): Handlers<NoposContract>['payments'] {
  return {
    reader: () => payments.cards.reader(),
    selectTestCard: ({ cardId }) => payments.cards.selectTestCard(cardId),
    offlineStatus: () => payments.cards.offlineStatus(),
    declined: ({ includeResolved }) => payments.declined().list(includeResolved).map(view),
    resolveDeclined: ({ entryId, resolution }, context) => view(payments.declined().resolve(entryId, resolution, staffOf(context))),
  };
}
