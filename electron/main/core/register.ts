import type { ReceiptDocument } from '../../../shared/domain/receipt';
import type { Settings } from '../../../shared/domain/settings';
import type { AuditTrail } from '../audit/audit-trail';
import type { CashDrawer } from '../devices/cash-drawer';
import { CartService } from '../sales/cart-service';
import type { CatalogReader } from '../sales/catalog-reader';
import { CheckoutService, type ReceiptsDue } from '../sales/checkout-service';
import { RefundRepository } from '../ledger/refund-repository';
import { RefundService } from '../sales/refund-service';
import { SaleRepository } from '../ledger/sale-repository';
import { SalesLedger } from '../ledger/sales-ledger';
import { TendersInFlight } from '../sales/tenders-in-flight';
import { VoidService } from '../sales/void-service';
import { ShiftRepository } from '../ledger/shift-repository';
import { ShiftService } from '../shifts/shift-service';
import type { Db } from '../storage/db';
import type { Outbox } from '../storage/outbox';
import type { TransactionType } from '../../../shared/api/transactions';

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
  const ledger = new SalesLedger({ db, sales, refunds, shifts, cashRoundingMinor: () => settings().store.cashRoundingMinor, staffName: deps.staffName });
  return { sales, refunds, shifts, ledger };
}

export interface Register {
  cart: CartService;
  checkout: CheckoutService;
  refunds: RefundService;
  voids: VoidService;
  shifts: ShiftService;
  ledger: SalesLedger;
}

/** The register's areas (sales, refunds and voids, shifts), each handed only what it uses. */
export function createRegister(deps: RegisterDeps, records: RegisterRecords = openRegisterRecords(deps)): Register {
  const { db, now, settings, audit, outbox, terminalId } = deps;
  const drawer = openedAfterCommit(deps.drawer, deps.log);
  const { sales, refunds: refundRows, shifts: shiftRows, ledger } = records;
  const recording = (kinds: readonly TransactionType[]) => ({ db, now, settings, audit, outbox: outbox.writer(kinds), terminalId });
  const inFlight = new TendersInFlight();
  const cart = new CartService({ db, now, settings, sales, shifts: shiftRows, catalog: deps.catalog, audit, inFlight });
  return {
    cart,
    checkout: new CheckoutService({ ...recording(['sale']), sales, shifts: shiftRows, drawer, inFlight, receiptDocument: deps.receiptDocument, ...(deps.receiptsDue ? { receiptsDue: deps.receiptsDue } : {}) }),
    refunds: new RefundService({ ...recording(['refund']), sales, refunds: refundRows, shifts: shiftRows, ledger, drawer }),
    voids: new VoidService({ ...recording(['void']), sales, refunds: refundRows, shifts: shiftRows, ledger, drawer }),
    shifts: new ShiftService({ ...recording(['paid_in', 'paid_out', 'shift_close']), shifts: shiftRows, ledger, drawer, saleInProgress: () => cart.openWorkOwner() !== null }),
    ledger,
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
