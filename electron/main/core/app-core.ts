import { contract, type NoposContract } from '../../../shared/ipc/contract';
import { listChannels } from '../../../shared/ipc/contract-kit';
import { CatalogImporter, type CatalogFileChooser } from '../catalog/import/catalog-import';
import { selectCardReader } from '../devices/card-reader-selection';
import { SimulatedCashDrawer } from '../devices/cash-drawer';
import { noReceiptPrinter } from '../devices/receipt-printer';
import type { TerminalDevices } from '../devices/terminal-devices';
import { createCustomers, type ExportDestination } from '../customers';
import { createDevices, type Devices } from '../devices';
import type { PrinterTimeouts } from '../devices/escpos/escpos-printer';
import { createHandlers } from '../handlers';
import { createRetention, type Retention } from '../retention';
import type { AppInfo } from '../handlers/app-handlers';
import type { AccessGate } from '../ipc/access-gate';
import { createEventPublisher, type EventPublisher } from '../ipc/event-publisher';
import { createIpcRegistry, type Handlers, type IpcRegistry } from '../ipc/registry';
import type { SenderCheck } from '../ipc/sender';
import { KioskExit, type KioskHost } from '../kiosk/kiosk-exit';
import { ipcLogSink } from '../logging/security-log';
import { receiptHtml } from '../receipts/receipt-html';
import { DiskFullError, isDiskFull } from '../storage/disk-space';
import { ReceiptService } from '../receipts/receipt-service';
import type { ReceiptSource } from '../ledger/receipt-source';
import { AdminPassphrases } from '../staff/admin-passphrases';
import { PassphraseChanges } from '../staff/passphrase-changes';
import { PinAuthenticator } from '../staff/pin-authenticator';
import { SessionService } from '../staff/session-service';
import { SignInThrottle } from '../staff/sign-in-throttle';
import { StaffService } from '../staff/staff-service';
import type { CatalogReader } from '../sales/catalog-reader';
import type { Sync } from '../sync/create-sync';
import { createPayments, type Payments } from '../payments/payments-area';
import { unreachableGateway, type PaymentGateway } from '../payments/payment-gateway';
import type { AttentionList } from '../payments/declined-payments';
import { createRegister, openRegisterRecords, type Register } from './register';
import type { TerminalStorage } from './terminal-storage';

export interface AppCoreDeps {
  appInfo: AppInfo;
  now: () => Date;
  storage: TerminalStorage;
  isTrustedSender: SenderCheck;
  /** Tests may stand in for the staff session; the terminal always uses it. */
  accessGate?: AccessGate;
  /** Stand-in products for unit tests of the register; the terminal sells from its catalog in storage. */
  catalog?: CatalogReader;
  /** The receipt printer and cash drawer of this host; without them, no printer and a simulated drawer. */
  devices?: TerminalDevices;
  /** Tests may stand in for the register's records behind receipts; the terminal uses the sales ledger. */
  receiptSource?: ReceiptSource;
  /** Kiosk mode's window controls (Electron, when the policy turns kiosk on); none elsewhere. */
  kiosk?: KioskHost;
  /** How an admin picks a catalog file to import (the open dialog, or a folder in the browser host); none: no import. */
  catalogFiles?: CatalogFileChooser;
  /** Sync with the NoPOS API (built by the host, which holds the keychain); none: the terminal works alone. */
  sync?: Sync;
  /** Online card authorization (the NoPOS API, see payments/api-payment-gateway.ts); without it every card payment is stored for forwarding. */
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
  const channels = new Map(listChannels(contract).map((c) => [c.name, c.def]));
  const throttle = new SignInThrottle(storage.db, now);
  // The register's records first: receipts read them, and the register writes them.
  const records = openRegisterRecords({ db: storage.db, settings: () => storage.settings.current().values, staffName: (id) => storage.staff.get(id)?.name ?? id });
  const host = deps.devices ?? { printer: noReceiptPrinter, drawer: new SimulatedCashDrawer({ now, log: (entry) => storage.appLog.write(entry) }) };
  const events = createEventPublisher(contract);
  const devices = createDevices({
    db: storage.db,
    now,
    settings: () => storage.settings.current().values.devices,
    terminalName: () => storage.settings.current().values.terminal.name,
    storeName: () => storage.settings.current().values.store.name,
    audit: storage.audit,
    hostPrinter: host.printer,
    hostDrawer: host.drawer,
    log: (entry) => storage.appLog.write(entry),
    publish: (status) => events.publish('devices', 'changed', status),
    originalInterrupted: (receiptNumber) => records.ledger.markOutput(receiptNumber, 'print', now()),
    ...(deps.printerTimeouts ? { printerTimeouts: deps.printerTimeouts } : {}),
  });
  const receipts = new ReceiptService({
    source: deps.receiptSource ?? records.ledger,
    printer: devices.printer,
    audit: storage.audit,
    settings: () => storage.settings.current().values,
    staffName: (staffId) => storage.staff.get(staffId)?.name ?? 'Unknown staff',
    now,
  });
  const register = createRegister({
    db: storage.db,
    now,
    settings: () => storage.settings.current().values,
    audit: storage.audit,
    outbox: storage.outbox,
    terminalId: storage.terminalId,
    catalog: deps.catalog ?? storage.catalog,
    drawer: devices.drawer,
    staffName: (id) => storage.staff.get(id)?.name ?? id,
    log: (entry) => storage.appLog.write(entry),
    // Receipts after a sale: the receipt as its first copy will print.
    receiptDocument: (receiptNumber) => receipts.get(receiptNumber),
  }, records);
  const payments = createPayments({
    db: storage.db,
    now,
    settings: () => storage.settings.current().values,
    audit: storage.audit,
    outbox: storage.outbox.writer(['payment']),
    checkout: register.checkout,
    openSale: () => register.cart.current(),
    device: host.cardReader ?? selectCardReader(process.platform),
    gateway: deps.paymentGateway ?? unreachableGateway,
    attention: deps.attention ?? storage.needsAttention,
    log: (entry) => storage.appLog.write(entry),
  });
  const customers = createCustomers({
    db: storage.db,
    now,
    settings: () => storage.settings.current().values,
    audit: storage.audit,
    outbox: storage.outbox.writer(['customer.upsert', 'customer.erasure', 'receipt.email']),
    saleStatus: (saleId) => records.ledger.sale(saleId)?.status ?? null,
    saleOfReceipt: (receiptNumber) => {
      const record = records.ledger.find(receiptNumber)?.record;
      return record?.kind === 'sale' ? record.sale.saleId : null;
    },
    receiptDocument: (receiptNumber) => {
      if (!records.ledger.find(receiptNumber)) return null;
      const document = { ...receipts.get(receiptNumber), copy: 'original' as const };
      return { document, html: receiptHtml(document) };
    },
    exports: deps.customerExports ?? null,
    log: (entry) => storage.appLog.write(entry),
  });
  deps.sync?.kinds.declare(customers.outboxKinds);
  const retention = createRetention({ db: storage.db, now, settings: () => storage.settings.current().values, audit: storage.audit, log: (entry) => storage.appLog.write(entry) });
  const passphrases = new AdminPassphrases(storage.db, storage.pinHasher, now);
  const auth = new PinAuthenticator({
    staff: storage.staff,
    hasher: storage.pinHasher,
    throttle,
    audit: storage.audit,
    securityLog: storage.securityLog,
    db: storage.db,
    outbox: storage.outbox.writer(['security_alert']),
    now,
    pciMode: () => storage.settings.current().values.policies.pciSignIn,
    passphrases,
  });
  const session = new SessionService({
    staff: storage.staff,
    auth,
    settings: storage.settings,
    audit: storage.audit,
    securityLog: storage.securityLog,
    now,
    approvableAccess: (name) => channels.get(name)?.stepUp ?? channels.get(name)?.access,
    channelRequest: (name) => channels.get(name)?.request,
    openWorkOwner: () => register.cart.openWorkOwner(),
  });
  const staffService = new StaffService({
    db: storage.db,
    clearLockout: (staffId) => throttle.recordSuccess(`staff:${staffId}`),
    staff: storage.staff,
    hasher: storage.pinHasher,
    settings: storage.settings,
    audit: storage.audit,
    securityLog: storage.securityLog,
  });
  const catalogImporter = deps.catalogFiles
    ? new CatalogImporter({ catalog: storage.catalog, chooser: deps.catalogFiles, storeCurrency: () => storage.settings.current().values.store.currency })
    : null;
  const handlers = createHandlers({ appInfo: deps.appInfo, now, storage, session, staffService, passphraseChanges: new PassphraseChanges({ passphrases, staff: storage.staff, audit: storage.audit, securityLog: storage.securityLog }), register, catalog: deps.catalog ?? storage.catalog, payments, catalogImporter, devices, receipts, kiosk: new KioskExit({ host: deps.kiosk, auth, audit: storage.audit }), sync: deps.sync ?? null, customers });
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
  deps.sync?.engine.onChange((status) => events.publish('sync', 'changed', status));
  return {
    registry,
    handlers,
    events,
    session,
    register,
    payments,
    retention,
    devices,
    startTimers() {
      // Card authorizations a crash left open are settled at once, then every 30 s while any stay open.
      const resolveAttempts = () => void payments.resolveCardAttempts().catch((error: unknown) => storage.appLog.write({ level: 'error', event: 'payments.attempts_failed', name: (error as Error)?.name }));
      resolveAttempts();
      let ticks = 0;
      const timer = setInterval(() => {
        session.tick();
        storage.securityLog.tick();
        if (++ticks % 6 === 0 && payments.hasOpenCardAttempts()) resolveAttempts();
      }, 5_000);
      timer.unref?.();
      devices.start();
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
