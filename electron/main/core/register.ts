import type { ReceiptDocument } from '../../../shared/domain/receipt';
import type { SaleView } from '../../../shared/domain/sale';
import type { Settings } from '../../../shared/domain/settings';
import type { AuditTrail } from '../audit/audit-trail';
import type { WeighedLookups } from '../devices';
import type { CashDrawer } from '../devices/cash-drawer';
import {
  createSales,
  type CartService,
  type CatalogReader,
  type CheckoutService,
  type ReceiptsDue,
  type RefundService,
  type Sales,
  type VoidService,
} from '../sales';
import { RefundRepository } from '../ledger/refund-repository';
import { SaleRepository } from '../ledger/sale-repository';
import { SalesLedger } from '../ledger/sales-ledger';
import { ShiftRepository } from '../ledger/shift-repository';
import { createShifts, type Shifts, type ShiftService } from '../shifts';
import type { Db } from '../storage/db';
import type { Outbox } from '../storage/outbox';

export interface RegisterDeps {
  db: Db;
  now: () => Date;
  settings: () => Settings;
  audit: AuditTrail;
  outbox: Outbox;
  terminalId: string;
  catalog: CatalogReader;
  drawer: CashDrawer;
  staffName: (staffId: string) => string;
  /** Where a drawer that fails to open is reported. */
  log: (entry: Record<string, unknown>) => void;
  receiptDocument: (receiptNumber: string) => ReceiptDocument | null;
  completedReceipt: (sale: SaleView, receiptNumber: string, staffId: string) => ReceiptDocument;
  /** Receipts printed by themselves when a sale completes (the receipts area's queue). */
  receiptsDue?: ReceiptsDue;
}

/** The register's records, shared by sales, refunds, voids, shifts, receipts and payments (ledger/). */
export interface RegisterRecords {
  sales: SaleRepository;
  refunds: RefundRepository;
  shifts: ShiftRepository;
  ledger: SalesLedger;
}

export function openRegisterRecords(deps: Pick<RegisterDeps, 'db' | 'settings' | 'staffName'>): RegisterRecords {
  const { db, settings } = deps;
  const sales = new SaleRepository(db);
  const refunds = new RefundRepository(db);
  const shifts = new ShiftRepository(db);
  const ledger = new SalesLedger({
    db,
    sales,
    refunds,
    shifts,
    cashRoundingMinor: () => settings().store.cashRoundingMinor,
    staffName: deps.staffName,
  });
  return { sales, refunds, shifts, ledger };
}

export interface Register {
  cart: CartService;
  checkout: CheckoutService;
  refunds: RefundService;
  voids: VoidService;
  shifts: ShiftService;
  ledger: SalesLedger;
  /** What the scale's guard asks: whether a product is sold by weight, and the sale open now. */
  weighed: WeighedLookups;
  /** The sales, refunds and shifts channels, once card tender and the terminal's revocation are known. */
  handlers(ports: Parameters<Sales['handlers']>[0]): ReturnType<Sales['handlers']> & Shifts['handlers'];
}

/** The register's areas (sales, refunds and voids, shifts), each handed only what it uses. */
export function createRegister(deps: RegisterDeps, records: RegisterRecords = openRegisterRecords(deps)): Register {
  const { db, now, settings, audit, outbox, terminalId } = deps;
  const drawer = openedAfterCommit(deps.drawer, deps.log);
  const { sales: saleRows, refunds: refundRows, shifts: shiftRows, ledger } = records;
  const sales = createSales({
    db,
    now,
    settings,
    audit,
    outbox,
    terminalId,
    sales: saleRows,
    refunds: refundRows,
    shifts: shiftRows,
    ledger,
    catalog: deps.catalog,
    drawer,
    receiptDocument: deps.receiptDocument,
    completedReceipt: deps.completedReceipt,
    ...(deps.receiptsDue ? { receiptsDue: deps.receiptsDue } : {}),
  });
  const shifts = createShifts({
    db,
    now,
    settings,
    audit,
    outbox,
    terminalId,
    shifts: shiftRows,
    ledger,
    drawer,
    saleInProgress: () => sales.cart.openWorkOwner() !== null,
  });
  return {
    cart: sales.cart,
    checkout: sales.checkout,
    refunds: sales.refunds,
    voids: sales.voids,
    shifts: shifts.service,
    ledger,
    weighed: {
      weighedProduct: ({ code, productId }) =>
        (code ? deps.catalog.findByBarcode(code) : deps.catalog.get(productId ?? ''))?.soldBy === 'weight',
      openSale: () => sales.cart.current(),
    },
    handlers: (ports) => ({ ...sales.handlers(ports), ...shifts.handlers }),
  };
}

/**
 * The drawer opens after the record it belongs to is committed, without the record waiting for it: a
 * jammed, unplugged or hung drawer is reported (by the devices area, and here in the log), and never
 * delays or fails a completed sale, refund or paid out.
 */
function openedAfterCommit(drawer: CashDrawer, log: RegisterDeps['log']): CashDrawer {
  return {
    open: (reason) => {
      drawer.open(reason).catch((error: unknown) => {
        try {
          log({ event: 'drawer.failed', reason, error: error instanceof Error ? error.name : typeof error });
        } catch {
          // The log itself failing (a full disk) must not become an unhandled rejection.
        }
      });
      return Promise.resolve();
    },
  };
}
