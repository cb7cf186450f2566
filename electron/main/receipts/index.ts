import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import type { ReceiptDocument } from '../../../shared/domain/receipt';
import { ReceiptService, type ReceiptServiceDeps } from './receipt-service';
import { createReceiptsHandlers } from './receipts-handlers';

// The receipts area's face: receipts and shift reports from the register's records, printed, saved
// or shown; what it offers the register is the receipt a sale's first copy prints.
export type { ReceiptService } from './receipt-service';

export interface Receipts {
  service: ReceiptService;
  /** The port for checkout: a sale's receipt as its first copy will print. */
  document: (receiptNumber: string) => ReceiptDocument | null;
  handlers: Pick<Handlers<NoposContract>, 'receipts'>;
}

export function createReceipts(ports: ReceiptServiceDeps): Receipts {
  const service = new ReceiptService(ports);
  return { service, document: (receiptNumber) => service.get(receiptNumber), handlers: { receipts: createReceiptsHandlers(service) } };
}
