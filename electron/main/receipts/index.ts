import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import type { ReceiptDocument } from '../../../shared/domain/receipt';
import type { SaleView } from '../../../shared/domain/sale';
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
  /** The port for checkout: the receipt of a sale just completed, from the sale at hand. */
  completed: (sale: SaleView, receiptNumber: string, staffId: string) => ReceiptDocument;
  /** The port for e-mailed receipts: the first copy and its page, or null when the receipt is not on this terminal. */
  rendered: (receiptNumber: string) => { document: ReceiptDocument; html: string } | null;
  handlers: Pick<Handlers<NoposContract>, 'receipts'>;
}

export function createReceipts(ports: ReceiptServiceDeps): Receipts {
  const service = new ReceiptService(ports);
  return {
    service,
    document: (receiptNumber) => service.get(receiptNumber),
    completed: (sale, receiptNumber, staffId) => service.ofCompletedSale(sale, receiptNumber, staffId),
    rendered: (receiptNumber) => {
      if (!ports.source.find(receiptNumber)) return null;
      const document = { ...service.get(receiptNumber), copy: 'original' as const };
      return { document, html: receiptHtml(document) };
    },
    handlers: { receipts: createReceiptsHandlers(service) },
  };
}
