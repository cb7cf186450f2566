import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import type { RefundService } from './refund-service';
import { staffOf } from '../ipc/staff-of';

export function createRefundsHandlers(refunds: RefundService): Handlers<NoposContract>['refunds'] {
  return {
    lookup: ({ receiptNumber }) => refunds.lookup(receiptNumber),
    issue: (request, context) => refunds.issue(request, staffOf(context), context.approverId ?? null),
  };
}
