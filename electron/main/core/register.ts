import type { ReceiptDocument } from '../../../shared/domain/receipt';
import type { Settings } from '../../../shared/domain/settings';
import type { AuditTrail } from '../audit/audit-trail';
import type { CashDrawer } from '../devices/cash-drawer';
import { CartService } from '../sales/cart-service';
import type { CatalogReader } from '../sales/catalog-reader';
import { CheckoutService } from '../sales/checkout-service';
import { RefundRepository } from '../sales/refund-repository';
import { RefundService } from '../sales/refund-service';
import { SaleRepository } from '../sales/sale-repository';
import { SalesLedger } from '../sales/sales-ledger';
import { TendersInFlight } from '../sales/tenders-in-flight';
import { VoidService } from '../sales/void-service';
import { ShiftRepository } from '../shifts/shift-repository';
import { ShiftService } from '../shifts/shift-service';
import type { Db } from '../storage/db';
import type { Outbox } from '../sync/outbox';

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
export function createRegister(deps: RegisterDeps): Register {
  const { db, now, settings, audit, outbox, terminalId } = deps;
  const drawer = openedAfterCommit(deps.drawer, deps.log);
  const sales = new SaleRepository(db);
  const refundRows = new RefundRepository(db);
  const shiftRows = new ShiftRepository(db);
  const recording = { db, now, settings, audit, outbox, terminalId };
  const ledger = new SalesLedger({ db, sales, refunds: refundRows, shifts: shiftRows, cashRoundingMinor: () => settings().store.cashRoundingMinor, staffName: deps.staffName });
  const inFlight = new TendersInFlight();
  const cart = new CartService({ db, now, settings, sales, shifts: shiftRows, catalog: deps.catalog, audit, inFlight });
  return {
    cart,
    checkout: new CheckoutService({ ...recording, sales, shifts: shiftRows, drawer, inFlight, receiptDocument: deps.receiptDocument }),
    refunds: new RefundService({ ...recording, sales, refunds: refundRows, shifts: shiftRows, ledger, drawer }),
    voids: new VoidService({ ...recording, sales, refunds: refundRows, shifts: shiftRows, ledger, drawer }),
    shifts: new ShiftService({ ...recording, shifts: shiftRows, ledger, drawer, saleInProgress: () => cart.openWorkOwner() !== null }),
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
