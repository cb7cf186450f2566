import type { NoposContract } from '../../../shared/ipc/contract';
import type { Register } from '../core/register';
import type { CatalogReader } from '../sales/catalog-reader';
import { createCatalogHandlers } from '../catalog/catalog-handlers';
import type { Customers } from '../customers';
import type { CatalogImporter } from '../catalog/import/catalog-import';
import type { TerminalStorage } from '../core/terminal-storage';
import type { Devices } from '../devices';
import { feedingCustomerDisplay } from '../devices/customer-display/sales-feed';
import { lineIsWeighed } from '../devices/scale/weighed-by-scale';
import type { Payments } from '../payments/payments-area';
import { createPaymentsHandlers } from '../payments/payments-handlers';
import { createRefundsHandlers } from '../sales/refunds-handlers';
import { createSalesHandlers } from '../sales/sales-handlers';
import { createShiftsHandlers } from '../shifts/shifts-handlers';
import type { Handlers } from '../ipc/registry';
import type { ReceiptService } from '../receipts/receipt-service';
import { createReceiptsHandlers } from '../receipts/receipts-handlers';
import type { PassphraseChanges } from '../staff/passphrase-changes';
import type { SessionService } from '../staff/session-service';
import type { StaffService } from '../staff/staff-service';
import type { KioskExit } from '../kiosk/kiosk-exit';
import type { Sync } from '../sync/create-sync';
import { createSyncHandlers } from '../sync/sync-handlers';
import { createAppHandlers, type AppInfo } from './app-handlers';
import { createApprovalHandlers } from './approval-handlers';
import { createAuditHandlers } from './audit-handlers';
import { createDrawerHandlers } from './drawer-handlers';
import { createKioskHandlers } from './kiosk-handlers';
import { createSessionHandlers } from './session-handlers';
import { createSettingsHandlers } from './settings-handlers';
import { createStaffHandlers } from './staff-handlers';
import { createStorageHandlers } from './storage-handlers';

export interface HandlerDeps {
  appInfo: AppInfo;
  now: () => Date;
  storage: TerminalStorage;
  session: SessionService;
  staffService: StaffService;
  passphraseChanges: PassphraseChanges;
  register: Register;
  /** What the register sells from (the catalog in storage, or a test's stand-in). */
  catalog: CatalogReader;
  payments: Payments;
  kiosk: KioskExit;
  catalogImporter: CatalogImporter | null;
  devices: Devices;
  receipts: ReceiptService;
  sync: Sync | null;
  customers: Customers;
}

/** One entry per contract area; TypeScript fails here when a channel has no handler. */
export function createHandlers(deps: HandlerDeps): Handlers<NoposContract> {
  return {
    app: createAppHandlers(deps.appInfo, deps.now, () => {
      // Lines held while the disk was full go out as soon as there is room again.
      deps.storage.appLog.retry();
      return deps.storage.disk.state();
    }),
    settings: createSettingsHandlers(deps.storage.settings),
    audit: createAuditHandlers(deps.storage.audit),
    storage: createStorageHandlers(deps.storage, deps.now),
    session: createSessionHandlers(deps.session),
    staff: createStaffHandlers(deps.storage.staff, deps.staffService, deps.session, deps.passphraseChanges),
    approvals: createApprovalHandlers(deps.session),
    drawer: createDrawerHandlers(deps.storage.audit, deps.now, deps.devices.drawer),
    devices: deps.devices.handlers,
    catalog: createCatalogHandlers(deps.storage.catalog, deps.catalogImporter),
    sales: feedingCustomerDisplay(
      deps.devices.guardWeights(
        createSalesHandlers({
          ...deps.register,
          cards: deps.payments.cards,
          revoked: () => deps.sync?.enrollment.revoked() ?? false,
        }),
        {
          weighedProduct: ({ code, productId }) => (code ? deps.catalog.findByBarcode(code) : deps.catalog.get(productId ?? ''))?.soldBy === 'weight',
          weighedLine: (lineId) => lineIsWeighed(deps.register.cart.current(), lineId),
        },
      ),
      (sale, changeMinor) => deps.devices.customerDisplay.showSale(sale, changeMinor),
    ),
    payments: createPaymentsHandlers(deps.payments),
    refunds: createRefundsHandlers(deps.register.refunds),
    shifts: createShiftsHandlers(deps.register.shifts),
    receipts: createReceiptsHandlers(deps.receipts),
    kiosk: createKioskHandlers(deps.kiosk),
    sync: createSyncHandlers(deps.sync, deps.storage),
    customers: deps.customers.handlers,
  };
}
