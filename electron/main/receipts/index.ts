import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import type { ReceiptPrinting } from '../../../shared/domain/devices';
import type { ReceiptDocument, ReceiptPaper } from '../../../shared/domain/receipt';
import type { SaleView } from '../../../shared/domain/sale';
import type { ReceiptsDue } from '../sales';
import type { Db } from '../storage/db';
import { receiptHtml } from './receipt-html';
import { ReceiptPrintQueue } from './receipt-print-queue';
import { ReceiptService, type ReceiptServiceDeps } from './receipt-service';
import { createReceiptsHandlers } from './receipts-handlers';

// The receipts area's face: receipts and shift reports from the register's records, printed, saved
// or shown; what it offers the register is the receipt a sale's first copy prints, and customers the
// receipt as it printed first, with its page, to e-mail. A completed sale's receipt prints by itself
// when the printer setting says so (receipt-print-queue.ts).
export type { ReceiptService } from './receipt-service';

export interface ReceiptsPorts extends ReceiptServiceDeps {
  db: Db;
  /** What the printer setting says of a completed sale's receipt right now. */
  printing: () => ReceiptPrinting;
  /** Each step of a receipt printing by itself, for the sale's screen. */
  publish: (paper: ReceiptPaper) => void;
  log: (entry: Record<string, unknown>) => void;
}

export interface Receipts {
  service: ReceiptService;
  /** The port for checkout: a sale's receipt as its first copy will print. */
  document: (receiptNumber: string) => ReceiptDocument | null;
  /** The port for checkout: the receipt of a sale just completed, from the sale at hand. */
  completed: (sale: SaleView, receiptNumber: string, staffId: string) => ReceiptDocument;
  /** The port for e-mailed receipts: the first copy and its page, or null when the receipt is not on this terminal. */
  rendered: (receiptNumber: string) => { document: ReceiptDocument; html: string } | null;
  /** The port for checkout: a completed sale's receipt queued in its transaction, printed once it has answered. */
  due: ReceiptsDue;
  /** At start-up, once the devices settled the print jobs a crash cut off: prints what is still due. */
  resumePrinting(): void;
  handlers: Pick<Handlers<NoposContract>, 'receipts'>;
}

export function createReceipts(ports: ReceiptsPorts): Receipts {
  const service = new ReceiptService(ports);
  const queue = new ReceiptPrintQueue({
    db: ports.db,
    now: ports.now,
    printing: ports.printing,
    print: (receiptNumber, staffId) => service.output(receiptNumber, 'print', staffId),
    printed: (receiptNumber) => Boolean(ports.source.find(receiptNumber)?.printedAt),
    publish: ports.publish,
    log: ports.log,
  });
  return {
    service,
    document: (receiptNumber) => service.get(receiptNumber),
    completed: (sale, receiptNumber, staffId) => service.ofCompletedSale(sale, receiptNumber, staffId),
    rendered: (receiptNumber) => {
      if (!ports.source.find(receiptNumber)) return null;
      const document = { ...service.get(receiptNumber), copy: 'original' as const };
      return { document, html: receiptHtml(document) };
    },
    due: queue,
    resumePrinting: () => queue.resume(),
    handlers: { receipts: createReceiptsHandlers(service, queue) },
  };
}
