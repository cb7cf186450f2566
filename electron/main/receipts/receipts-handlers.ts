import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import type { ReceiptPrintQueue } from './receipt-print-queue';
import type { ReceiptService } from './receipt-service';

export function createReceiptsHandlers(
  service: ReceiptService,
  queue: Pick<ReceiptPrintQueue, 'paper'>,
): Handlers<NoposContract>['receipts'] {
  return {
    output: ({ receiptNumber, output }, { actorId }) => service.output(receiptNumber, output, actorId),
    paper: ({ receiptNumber }) => queue.paper(receiptNumber),
    get: ({ receiptNumber }) => service.get(receiptNumber),
    // `read:reports`, or a manager's approval of this one reprint (the generic approval flow).
    reprint: ({ receiptNumber, output }, { actorId, approverId }) =>
      service.reprint(receiptNumber, output, { actorId, ...(approverId ? { approverId } : {}) }),
    shiftReport: ({ shiftId, output }, { actorId }) => service.shiftReport(shiftId, output, actorId),
  };
}
