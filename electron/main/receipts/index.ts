import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import type { ReceiptDocument } from '../../../shared/domain/receipt';
import { receiptHtml } from './receipt-html';
import { ReceiptService, type ReceiptServiceDeps } from './receipt-service';
import { createReceiptsHandlers } from './receipts-handlers';

// The receipts area's face: receipts and shift reports from the register's records, printed, saved
// or shown; what it offers the register is the receipt a sale's first copy prints, and customers the
// receipt as it printed first, with its page, to e-mail.
export type { ReceiptService } from './receipt-service';

export interface Receipts {
  service: ReceiptService;
  /** The port for checkout: a sale's receipt as its first copy will print. */
  document: (receiptNumber: string) => ReceiptDocument | null;
  /** The port for e-mailed receipts: the first copy and its page, or null when the receipt is not on this terminal. */
  rendered: (receiptNumber: string) => { document: ReceiptDocument; html: string } | null;
  handlers: Pick<Handlers<NoposContract>, 'receipts'>;
}

export function createReceipts(ports: ReceiptServiceDeps): Receipts {
  const service = new ReceiptService(ports);
  return {
    service,
    document: (receiptNumber) => service.get(receiptNumber),
    rendered: (receiptNumber) => {
      if (!ports.source.find(receiptNumber)) return null;
      const document = { ...service.get(receiptNumber), copy: 'original' as const };
      return { document, html: receiptHtml(document) };
    },
    handlers: { receipts: createReceiptsHandlers(service) },
  };
}
