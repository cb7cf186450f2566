import type { NoposContract } from '../../../shared/ipc/contract';
import type { AuditArea } from '../audit';
import type { Catalog } from '../catalog';
import { createAppHandlers, type AppInfo } from '../core/app-handlers';
import type { Register } from '../core/register';
import type { TerminalStorage } from '../core/terminal-storage';
import type { Customers } from '../customers';
import type { Devices } from '../devices';
import type { Handlers } from '../ipc/registry';
import type { Kiosk } from '../kiosk';
import type { Payments } from '../payments';
import type { Receipts } from '../receipts';
import type { SettingsArea } from '../settings';
import type { Staff } from '../staff';
import { createStorageHandlers } from '../storage/storage-handlers';
import { syncAbsent, type Sync } from '../sync';

export interface HandlerDeps {
  appInfo: AppInfo;
  now: () => Date;
  storage: TerminalStorage;
  settings: SettingsArea;
  audit: AuditArea;
  staff: Staff;
  devices: Devices;
  catalog: Catalog;
  register: Register;
  payments: Payments;
  receipts: Receipts;
  kiosk: Kiosk;
  customers: Customers;
  sync: Sync | null;
}

/** Every area's face serves its own channels; TypeScript fails here when a contract area has no handler. */
export function createHandlers(deps: HandlerDeps): Handlers<NoposContract> {
  const register = deps.register.handlers({ cards: deps.payments.cards, revoked: () => deps.sync?.enrollment.revoked() ?? false });
  return {
    app: createAppHandlers(deps.appInfo, deps.now, () => {
      // Lines held while the disk was full go out as soon as there is room again.
      deps.storage.appLog.retry();
      return deps.storage.disk.state();
    }),
    storage: createStorageHandlers(deps.storage, deps.now),
    ...deps.settings.handlers,
    ...deps.audit.handlers,
    ...deps.staff.handlers,
    ...deps.devices.handlers,
    ...deps.catalog.handlers,
    ...register,
    // The scale's guard on typed weights and the customer display see every sale the register answers.
    sales: deps.devices.servingSales(register.sales, deps.register.weighed),
    ...deps.payments.handlers,
    ...deps.receipts.handlers,
    ...deps.kiosk.handlers,
    ...deps.customers.handlers,
    ...(deps.sync ?? syncAbsent(deps.storage)).handlers,
  };
}
