import { createAppCore, type AppCore } from '../../electron/main/core/app-core';
import type { KioskHost } from '../../electron/main/kiosk/kiosk-exit';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import { isAppProtocolSender } from '../../electron/main/ipc/sender';
import type { Keychain } from '../../electron/main/secrets/keychain';
import type { Role } from '../../shared/domain/staff';
import type { IpcResult } from '../../shared/ipc/errors';
import type { CatalogReader } from '../../electron/main/sales/catalog-reader';
import type { SelectedCardReader } from '../../electron/main/devices/card-reader-selection';
import { SimulatedCashDrawer } from '../../electron/main/devices/cash-drawer';
import { noReceiptPrinter, type ReceiptPrinter } from '../../electron/main/devices/receipt-printer';
import type { PaymentGateway } from '../../electron/main/payments/payment-gateway';
import type { PrinterTimeouts } from '../../electron/main/devices/escpos/escpos-printer';
import type { AttentionList } from '../../electron/main/payments/declined-payments';
import type { ExportDestination } from '../../electron/main/customers';
import { memoryKeychain } from './memory-keychain';
import { testCatalog } from './test-catalog';
import { openTestStorage, tempDir } from './storage';
import { trustedSender } from './test-contract';

/** A settable clock: tests move time instead of waiting for it. */
export class TestClock {
  constructor(public ms = Date.parse('2026-11-29T09:00:00.000Z')) {}
  now = (): Date => new Date(this.ms);
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

export interface TerminalFixture {
  clock: TestClock;
  storage: TerminalStorage;
  /** The data directory (database, logs). */
  dir: string;
  core: AppCore;
  call<T = unknown>(channel: string, payload?: unknown): Promise<IpcResult<T>>;
  /** A new core over the same storage, as after a restart of the terminal (everything in memory is gone). */
  restart(): TerminalFixture;
  /** Adds a staff member directly (as an admin would) and returns their id. */
  addStaff(name: string, role: Role, pin: string): Promise<string>;
  close(): void;
}

/** The real core over real encrypted storage; only the keychain (unless given) and the clock are stand-ins. */
export interface FixtureOptions {
  keychain?: Keychain;
  policy?: object;
  catalog?: CatalogReader;
  kiosk?: KioskHost;
  cardReader?: SelectedCardReader;
  /** The receipt printer (with `cardReader`; none otherwise). */
  printer?: ReceiptPrinter;
  paymentGateway?: PaymentGateway;
  attention?: AttentionList;
  customerExports?: ExportDestination;
  /** Short ESC/POS timeouts, so a hung test printer fails a job quickly. */
  printerTimeouts?: PrinterTimeouts;
}

export async function terminalFixture(options: FixtureOptions = {}): Promise<TerminalFixture> {
  const clock = new TestClock();
  const scratch = tempDir('terminal');
  const storage = await openTestStorage(options.keychain ?? memoryKeychain(), scratch.dir, {
    now: clock.now,
    ...(options.policy ? { policy: options.policy } : {}),
  });
  return fixtureOver(storage, clock, { ...options, catalog: options.catalog ?? testCatalog() }, scratch);
}

function fixtureOver(
  storage: TerminalStorage,
  clock: TestClock,
  options: FixtureOptions & { catalog: CatalogReader },
  scratch: { dir: string; cleanup: () => void },
): TerminalFixture {
  const { catalog, kiosk, cardReader, printer, paymentGateway, attention, printerTimeouts, customerExports } = options;
  const core = createAppCore({
    appInfo: { productName: 'NoPOS Terminal', version: '1.0.0', platform: 'linux', startedAt: clock.now() },
    now: clock.now,
    storage,
    isTrustedSender: isAppProtocolSender,
    catalog,
    ...(kiosk ? { kiosk } : {}),
    ...(cardReader
      ? { devices: { printer: printer ?? noReceiptPrinter, drawer: new SimulatedCashDrawer({ now: clock.now }), cardReader } }
      : {}),
    ...(paymentGateway ? { paymentGateway } : {}),
    ...(attention ? { attention } : {}),
    ...(customerExports ? { customerExports } : {}),
    ...(printerTimeouts ? { printerTimeouts } : {}),
  });
  return {
    clock,
    storage,
    core,
    dir: scratch.dir,
    restart: () => fixtureOver(storage, clock, options, scratch),
    call: (channel, payload) => core.registry.dispatch(channel, payload, trustedSender) as Promise<IpcResult<never>>,
    async addStaff(name, role, pin) {
      const id = `st_${name
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .padEnd(12, '0')
        .slice(0, 12)}`;
      core.staff.repository.insert({ id, name, role, pinHash: await core.staff.hasher.hash(pin) });
      return id;
    },
    close() {
      storage.close();
      scratch.cleanup();
    },
  };
}
