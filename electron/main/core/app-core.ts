import { contract, type NoposContract } from '../../../shared/ipc/contract';
import { listChannels } from '../../../shared/ipc/contract-kit';
import { createAudit } from '../audit';
import { createCatalog, type Catalog, type CatalogFileChooser } from '../catalog';
import { createCustomers, type ExportDestination } from '../customers';
import { createDevices, type Devices, type PrinterTimeouts, type TerminalDevices } from '../devices';
import { createHandlers } from '../handlers';
import { createRetention, type Retention } from '../retention';
import type { AccessGate } from '../ipc/access-gate';
import { createEventPublisher, type EventPublisher } from '../ipc/event-publisher';
import { createIpcRegistry, type Handlers, type IpcRegistry } from '../ipc/registry';
import type { SenderCheck } from '../ipc/sender';
import { createKiosk, type KioskHost } from '../kiosk';
import { DiskFullError, isDiskFull } from '../storage/disk-space';
import { receiptPrintingOf } from '../../../shared/domain/devices';
import type { ReceiptSource } from '../ledger/receipt-source';
import { ipcLogSink } from '../logging/security-log';
import {
  createPayments,
  PAYMENTS_OUTBOX_KINDS,
  paymentDeclinesPort,
  paymentGatewayFor,
  unreachableGateway,
  type AttentionList,
  type PaymentGateway,
  type Payments,
} from '../payments';
import { createReceipts } from '../receipts';
import type { CatalogReader } from '../sales';
import { createSettings } from '../settings';
import { createStaff, openStaffDirectory, type SessionService, type Staff } from '../staff';
import type { Sync } from '../sync';
import type { AppInfo } from './app-handlers';
import { createRegister, openRegisterRecords, type Register } from './register';
import type { TerminalStorage } from './terminal-storage';
import { createTerminalSync, type TerminalSyncOptions } from './terminal-sync';

export interface AppCoreDeps {
  appInfo: AppInfo;
  now: () => Date;
  storage: TerminalStorage;
  isTrustedSender: SenderCheck;
  /** Tests may stand in for the staff session; the terminal always uses it. */
  accessGate?: AccessGate;
  /** Stand-in products for unit tests of the register; the terminal sells from the catalog face's service. */
  catalog?: CatalogReader;
  /** The receipt printer and cash drawer of this host; without them, no printer and a simulated drawer. */
  devices?: TerminalDevices;
  /** Tests may stand in for the register's records behind receipts; the terminal uses the sales ledger. */
  receiptSource?: ReceiptSource;
  /** Kiosk mode's window controls (Electron, when the policy turns kiosk on); none elsewhere. */
  kiosk?: KioskHost;
  /** How an admin picks a catalog file to import (the open dialog, or a folder in the browser host); none: no import. */
  catalogFiles?: CatalogFileChooser;
  /** How sync reaches the NoPOS API (the host holds the keychain); the core builds sync. None: the terminal works alone. */
  sync?: TerminalSyncOptions;
  /** Tests may stand in for online card authorization; with sync, the NoPOS API's (payments/api-payment-gateway.ts), else none. */
  paymentGateway?: PaymentGateway;
  /** Where declined-after-forward payments go; the sync area's list in storage unless a test hands in another. */
  attention?: AttentionList;
  /** Where a manager saves a customer's data export (the save dialog; a folder in the browser host); none: unavailable. */
  customerExports?: ExportDestination;
  /** Tests shorten the ESC/POS printer's timeouts. */
  printerTimeouts?: PrinterTimeouts;
}

export interface AppCore {
  registry: IpcRegistry;
  /** Every area's handlers, as the registry serves them. */
  handlers: Handlers<NoposContract>;
  events: EventPublisher<NoposContract>;
  session: SessionService;
  /** The staff area (its directory: tests add staff through it). */
  staff: Staff;
  catalog: Catalog;
  /** Sync, when the host gave its options (the host starts it); null: the terminal works alone. */
  sync: Sync | null;
  register: Register;
  payments: Payments;
  retention: Retention;
  devices: Devices;
  /**
   * Starts the idle auto-lock timer, the settling of interrupted card payments, the devices' watch (settling print
   * jobs a crash cut off), the customers' and retention's timers; returns its stop function.
   */
  startTimers(): () => void;
}

/**
 * Everything the terminal does, independent of the host. Electron's main process and the
 * browser host both build this and differ only in how calls reach `registry.dispatch`.
 */
export function createAppCore(deps: AppCoreDeps): AppCore {
  const { storage, now } = deps;
  const { db, audit, securityLog } = storage;
  const settings = () => storage.settings.current().values;
  const log = (entry: Record<string, unknown>) => storage.appLog.write(entry);
  const channels = new Map(listChannels(contract).map((c) => [c.name, c.def]));
  // Who works here first: the register's records and receipts name staff from the directory.
  const directory = openStaffDirectory({ db, now, pinKey: storage.pinKey });
  const staffName = (id: string) => directory.repository.get(id)?.name;
  const events = createEventPublisher(contract);
  const catalog = createCatalog({ db, audit, files: deps.catalogFiles, storeCurrency: () => settings().store.currency });
  // The register's records first: receipts read them, and the register writes them.
  const records = openRegisterRecords({ db, settings, staffName: (id) => staffName(id) ?? id });
  const devices = createDevices({
    db,
    now,
    host: deps.devices,
    settings: () => settings().devices,
    terminalName: () => settings().terminal.name,
    storeName: () => settings().store.name,
    audit,
    log,
    publish: (status) => events.publish('devices', 'changed', status),
    originalInterrupted: (receiptNumber) => records.ledger.markOutput(receiptNumber, 'print', now()),
    ...(deps.printerTimeouts ? { printerTimeouts: deps.printerTimeouts } : {}),
  });
  const receipts = createReceipts({
    source: deps.receiptSource ?? records.ledger,
    printer: devices.printer,
    audit,
    settings,
    staffName: (id) => staffName(id) ?? 'Unknown staff',
    now,
    db,
    printing: () => receiptPrintingOf(settings().devices.printer),
    publish: (paper) => events.publish('receipts', 'paper', paper),
    log,
  });
  const register = createRegister(
    {
      db,
      now,
      settings,
      audit,
      outbox: storage.outbox,
      terminalId: storage.terminalId,
      catalog: deps.catalog ?? catalog.service,
      drawer: devices.drawer,
      staffName: (id) => staffName(id) ?? id,
      log,
      // Receipts after a sale: the receipt as its first copy will print.
      receiptDocument: receipts.document,
      // The receipt of a sale just completed, from the sale at hand (not read back and priced again).
      completedReceipt: receipts.completed,
      // Receipts a completed sale prints by itself (the printer's `receipts` setting).
      receiptsDue: receipts.due,
    },
    records,
  );
  const customers = createCustomers({
    db,
    now,
    settings,
    audit,
    outbox: storage.outbox,
    saleStatus: (saleId) => records.ledger.sale(saleId)?.status ?? null,
    saleOfReceipt: (receiptNumber) => {
      const record = records.ledger.find(receiptNumber)?.record;
      return record?.kind === 'sale' ? record.sale.saleId : null;
    },
    // Receipts for e-mail: the receipt as its first copy printed, and its page.
    receiptDocument: receipts.rendered,
    exports: deps.customerExports ?? null,
    log,
  });
  const attention = deps.attention ?? storage.needsAttention;
  // Sync last among what it reaches: pulls go through the catalog's and staff's own repositories, declines
  // to payments, and customers' kinds (built at send time from the area's tables) are declared at construction.
  const sync = deps.sync
    ? createTerminalSync(storage, now, deps.sync, {
        catalog: catalog.service,
        staff: directory.repository,
        paymentDeclines: paymentDeclinesPort({ db, audit, attention }),
        declaredKinds: customers.outboxKinds,
      })
    : null;
  const payments = createPayments({
    db,
    now,
    settings,
    audit,
    outbox: storage.outbox.writer(PAYMENTS_OUTBOX_KINDS),
    checkout: register.checkout,
    openSale: () => register.cart.current(),
    device: devices.cardReader,
    gateway: deps.paymentGateway ?? (sync ? paymentGatewayFor(sync, log) : unreachableGateway),
    attention,
    settlements: register.shifts,
    log,
  });
  const retention = createRetention({ db, now, settings, audit, log });
  const staff = createStaff({
    db,
    now,
    directory,
    settings: storage.settings,
    audit,
    securityLog,
    outbox: storage.outbox,
    approvableAccess: (name) => channels.get(name)?.stepUp ?? channels.get(name)?.access,
    channelRequest: (name) => channels.get(name)?.request,
    openWorkOwner: () => register.cart.openWorkOwner(),
  });
  const session = staff.session;
  const kiosk = createKiosk({ host: deps.kiosk, auth: staff.auth, audit });
  const handlers = createHandlers({
    appInfo: deps.appInfo,
    now,
    storage,
    settings: createSettings({ settings: storage.settings }),
    audit: createAudit({ audit }),
    staff,
    devices,
    catalog,
    register,
    payments,
    receipts,
    kiosk,
    customers,
    sync,
  });
  const registry = createIpcRegistry({
    contract,
    handlers,
    isTrustedSender: deps.isTrustedSender,
    accessGate: deps.accessGate ?? session,
    now: () => now().getTime(),
    log: ipcLogSink(storage.securityLog, storage.appLog),
    mapError: (error) => {
      if (!isDiskFull(error)) return null;
      storage.disk.noteFull();
      return new DiskFullError();
    },
  });
  session.onChange((view) => events.publish('session', 'changed', view));
  sync?.engine.onChange((status) => events.publish('sync', 'changed', status));
  return {
    registry,
    handlers,
    events,
    session,
    staff,
    catalog,
    sync,
    register,
    payments,
    retention,
    devices,
    startTimers() {
      // Card authorizations a crash left open are settled at once, then every 30 s while any stay open.
      const resolveAttempts = () =>
        void payments
          .resolveCardAttempts()
          .catch((error: unknown) =>
            storage.appLog.write({ level: 'error', event: 'payments.attempts_failed', name: (error as Error)?.name }),
          );
      resolveAttempts();
      let ticks = 0;
      const timer = setInterval(() => {
        session.tick();
        storage.securityLog.tick();
        if (++ticks % 6 === 0 && payments.hasOpenCardAttempts()) resolveAttempts();
      }, 5_000);
      timer.unref?.();
      devices.start();
      // After the devices settled the print jobs a crash cut off: those count as printed.
      receipts.resumePrinting();
      const stopCustomers = customers.start();
      const stopRetention = retention.start();
      return () => {
        clearInterval(timer);
        devices.stop();
        stopCustomers();
        stopRetention();
      };
    },
  };
}
