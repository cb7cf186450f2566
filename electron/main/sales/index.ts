import type { TransactionType } from '../../../shared/api/transactions';
import type { NoposContract } from '../../../shared/ipc/contract';
import type { ReceiptDocument } from '../../../shared/domain/receipt';
import type { CashDrawer } from '../devices/cash-drawer';
import type { Handlers } from '../ipc/registry';
import type { RecordingDeps } from '../ledger/register-deps';
import type { RefundRepository } from '../ledger/refund-repository';
import type { SaleRepository } from '../ledger/sale-repository';
import type { SalesLedger } from '../ledger/sales-ledger';
import type { ShiftRepository } from '../ledger/shift-repository';
import type { Outbox } from '../storage/outbox';
import { CartService } from './cart-service';
import type { CatalogReader } from './catalog-reader';
import { CheckoutService, type CheckoutDeps } from './checkout-service';
import { RefundService } from './refund-service';
import { createRefundsHandlers } from './refunds-handlers';
import { createSalesHandlers, type SalesHandlerPorts } from './sales-handlers';
import { LastCartView } from './last-cart-view';
import { TendersInFlight } from './tenders-in-flight';
import { VoidService } from './void-service';

// The sales area's face: the cart, checkout, refunds and voids over the register's records (ledger/).
export type { CatalogReader } from './catalog-reader';
export type { CartService } from './cart-service';
export type { CheckoutService, ReceiptsDue } from './checkout-service';
export type { RefundService } from './refund-service';
export type { VoidService } from './void-service';

/** The outbox kinds the sales area queues, per service (shared/domain/outbox-kinds.ts). */
export const SALES_OUTBOX_KINDS = { checkout: ['sale'], refunds: ['refund'], voids: ['void'] } as const;

export interface SalesPorts extends Omit<RecordingDeps, 'outbox'> {
  outbox: Outbox;
  sales: SaleRepository;
  refunds: RefundRepository;
  shifts: ShiftRepository;
  ledger: SalesLedger;
  catalog: CatalogReader;
  /** Opens after the record it belongs to is committed (see core/register.ts). */
  drawer: CashDrawer;
  /** The receipts area's port: a sale's receipt as its first copy will print. */
  receiptDocument: (receiptNumber: string) => ReceiptDocument | null;
  /** Receipts: the receipt of a sale just completed, from the sale at hand. */
  completedReceipt: CheckoutDeps['completedReceipt'];
  /** Receipts: the queue of receipts printed by themselves, added to in the completing sale's transaction. */
  receiptsDue?: CheckoutDeps['receiptsDue'];
}

export interface Sales {
  cart: CartService;
  checkout: CheckoutService;
  refunds: RefundService;
  voids: VoidService;
  /** Its channels, once card tender (payments, built over checkout) and the terminal's revocation are known. */
  handlers(ports: Pick<SalesHandlerPorts, 'cards' | 'revoked'>): Pick<Handlers<NoposContract>, 'sales' | 'refunds'>;
}

export function createSales(ports: SalesPorts): Sales {
  const { db, now, settings, audit, outbox, terminalId, sales, refunds: refundRows, shifts, ledger, drawer } = ports;
  const recording = (kinds: readonly TransactionType[]) => ({ db, now, settings, audit, outbox: outbox.writer(kinds), terminalId });
  const inFlight = new TendersInFlight();
  const lastView = new LastCartView(db);
  const cart = new CartService({ db, now, settings, sales, shifts, catalog: ports.catalog, audit, inFlight, lastView });
  const checkout = new CheckoutService({
    ...recording(SALES_OUTBOX_KINDS.checkout),
    sales,
    shifts,
    drawer,
    inFlight,
    lastView,
    receiptDocument: ports.receiptDocument,
    completedReceipt: ports.completedReceipt,
    ...(ports.receiptsDue ? { receiptsDue: ports.receiptsDue } : {}),
  });
  const refunds = new RefundService({ ...recording(SALES_OUTBOX_KINDS.refunds), sales, refunds: refundRows, shifts, ledger, drawer });
  const voids = new VoidService({ ...recording(SALES_OUTBOX_KINDS.voids), sales, refunds: refundRows, shifts, ledger, drawer });
  return {
    cart,
    checkout,
    refunds,
    voids,
    handlers: ({ cards, revoked }) => ({
      sales: createSalesHandlers({ cart, checkout, voids, cards, revoked }),
      refunds: createRefundsHandlers(refunds),
    }),
  };
}
