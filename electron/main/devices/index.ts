import type { DeviceSettings, DeviceStatus } from '../../../shared/domain/devices';
import type { SaleView } from '../../../shared/domain/sale';
import type { NoposContract } from '../../../shared/ipc/contract';
import type { AuditTrail } from '../audit/audit-trail';
import type { Handlers } from '../ipc/registry';
import type { Db } from '../storage/db';
import { selectCardReader, type SelectedCardReader } from './card-reader-selection';
import { SimulatedCashDrawer, type CashDrawer } from './cash-drawer';
import { deviceCashDrawer } from './device-drawer';
import { DeviceMonitor } from './device-monitor';
import { deviceReceiptPrinter } from './device-receipt-printer';
import { DeviceTester } from './device-tester';
import { createDevicesHandlers } from './devices-handlers';
import { createDrawerHandlers } from './drawer-handlers';
import { EscPosPrinter, type PrinterTimeouts } from './escpos/escpos-printer';
import type { DeviceLink } from './links/printer-link';
import { isEscPos, openPrinterLink } from './links/printer-links';
import { PrintJobs, type InterruptedJob } from './print-jobs';
import { noReceiptPrinter, type ReceiptPrinter } from './receipt-printer';
import type { TerminalDevices } from './terminal-devices';
import { SerialScale, type ScaleTimeouts } from './scale/serial-scale';
import { CustomerDisplay, poleDisplayWriter } from './customer-display/customer-display';
import { sayHello } from './customer-display/display-test';
import { feedingCustomerDisplay } from './customer-display/sales-feed';
import { lineIsWeighed, ScaleReadings, weighedByScale } from './scale/weighed-by-scale';
import { openSerialLink } from './links/serial-link';

// The devices area's face: the store hardware of this terminal. The host brings its own printing
// (OS dialog, Chromium, PDFs), a drawer for when none is wired to the printer, and perhaps a card
// reader; the area drives the ESC/POS printer, its drawer, the customer display and the scale.
// The Electron printer (electron-receipt-printer.ts) is the edge's and is built by its host.
export type { TerminalDevices } from './terminal-devices';
export type { PrinterTimeouts } from './escpos/escpos-printer';

/** What the register knows about weighed goods, for the scale's guard on typed weights. */
export interface WeighedLookups {
  /** Whether a scan or pick names a product sold by weight. */
  weighedProduct: (request: { code?: string; productId?: string }) => boolean;
  /** The sale open now, to tell whether a line is sold by weight. */
  openSale: () => SaleView | null;
}

export interface DevicesPorts {
  db: Db;
  now: () => Date;
  settings: () => DeviceSettings;
  terminalName: () => string;
  audit: Pick<AuditTrail, 'record'>;
  /**
   * The host's own printing (OS dialog in Electron, real Chromium in the browser host) and its PDFs, where
   * kicks go while no drawer is wired to the printer, and its card reader. Without them: no printer, a
   * simulated drawer, and the reader this platform allows.
   */
  host?: TerminalDevices | undefined;
  log: (entry: Record<string, unknown>) => void;
  publish: (status: DeviceStatus) => void;
  /** A receipt whose first copy was going out when the terminal stopped: it must count as made (never printed twice). */
  originalInterrupted: (receiptNumber: string) => void;
  /** The store's name, shown on the customer display between sales. */
  storeName: () => string;
  /** Tests shorten the printer's timeouts; the terminal uses the defaults. */
  printerTimeouts?: PrinterTimeouts;
  scaleTimeouts?: ScaleTimeouts;
  /** How often the printer's state is asked while idle; default 15 s. */
  statusIntervalMs?: number;
}

export interface Devices {
  handlers: Pick<Handlers<NoposContract>, 'devices' | 'drawer'>;
  /** For receipts: paper through the set-up printer, PDFs through the host. */
  printer: ReceiptPrinter;
  /** For the register, shifts and the drawer channel: one kick per call, never retried. */
  drawer: CashDrawer;
  /** The card reader card tender uses. */
  cardReader: SelectedCardReader;
  /**
   * The sales handlers as the devices see them: a weight typed while a scale is set up needs
   * `approve:overrides` (audited), and every sale answered is shown on the customer display.
   */
  servingSales: <H extends Parameters<typeof weighedByScale>[0]>(sales: H, lookups: WeighedLookups) => H;
  /** For the register (fed after each change) and the screens that show it (second window, browser page, pole). */
  customerDisplay: CustomerDisplay;
  status(): DeviceStatus;
  /** Resolves once the device work queued so far (prints, kicks, status checks) has ended. */
  idle(): Promise<void>;
  /** Settles jobs a crash cut off, then watches the printer's state. */
  start(): void;
  stop(): void;
}

/** The store hardware of this terminal: receipt printer, cash drawer, customer display and scale. */
export function createDevices(ports: DevicesPorts): Devices {
  const host = ports.host ?? { printer: noReceiptPrinter, drawer: new SimulatedCashDrawer({ now: ports.now, log: ports.log }) };
  const monitor = new DeviceMonitor({ now: ports.now, settings: ports.settings, publish: ports.publish, log: ports.log });
  const escpos = new EscPosPrinter({
    openLink: (connectTimeoutMs): Promise<DeviceLink> => openPrinterLink(ports.settings().printer, connectTimeoutMs),
    now: ports.now,
    onState: (state) => monitor.printerChanged(state),
    ...(ports.printerTimeouts ? { timeouts: ports.printerTimeouts } : {}),
  });
  const jobs = new PrintJobs(ports.db, ports.now);
  const drawer = deviceCashDrawer({ settings: ports.settings, host: host.drawer, escpos, monitor, audit: ports.audit });
  const scale = new SerialScale({
    settings: () => ports.settings().scale,
    openLink: openSerialLink,
    ...(ports.scaleTimeouts ? { timeouts: ports.scaleTimeouts } : {}),
  });
  const readings = new ScaleReadings(ports.now);
  const customerDisplay = new CustomerDisplay({ storeName: ports.storeName });
  const pole = poleDisplayWriter({
    settings: () => ports.settings().customerDisplay,
    openLink: openSerialLink,
    onFailure: (message) => monitor.report({ device: 'display', outcome: 'failed', message, target: null }),
  });
  customerDisplay.subscribe(pole);
  const checks = {
    display: () => sayHello(ports.settings().customerDisplay, customerDisplay, ports.storeName()),
    scale: async () => {
      const reading = await scale.weigh();
      return reading.ok ? { ok: true, message: `The scale reads ${reading.grams} g.` } : { ok: false, message: reading.message };
    },
  };
  const tester = new DeviceTester({
    settings: ports.settings,
    terminalName: ports.terminalName,
    escpos,
    drawer,
    audit: ports.audit,
    checks,
  });
  const refresh = async () => {
    if (isEscPos(ports.settings().printer.connection)) await escpos.checkStatus();
  };
  let timer: NodeJS.Timeout | null = null;

  const settleInterrupted = (job: InterruptedJob) => {
    if (job.purpose === 'original') ports.originalInterrupted(job.target);
    monitor.report({
      device: 'printer',
      outcome: 'interrupted',
      message: `Printing ${job.target} was cut off when the terminal stopped. If it did not come out whole, reprint it.`,
      target: job.target,
    });
  };

  return {
    handlers: {
      devices: createDevicesHandlers({ monitor, refresh, tester, scale, readings }),
      drawer: createDrawerHandlers(ports.audit, ports.now, drawer),
    },
    cardReader: host.cardReader ?? selectCardReader(process.platform),
    servingSales: (sales, lookups) =>
      feedingCustomerDisplay(
        weighedByScale(sales, {
          weighedProduct: lookups.weighedProduct,
          weighedLine: (lineId) => lineIsWeighed(lookups.openSale(), lineId),
          scaleSetUp: () => ports.settings().scale.kind !== 'none',
          readings,
          audit: ports.audit,
        }),
        (sale, changeMinor) => customerDisplay.showSale(sale, changeMinor),
      ),
    printer: deviceReceiptPrinter({ settings: ports.settings, host: host.printer, escpos, jobs, monitor }),
    drawer,
    customerDisplay,
    status: () => monitor.status(),
    idle: () => Promise.all([escpos.idle(), pole.idle()]).then(() => undefined),
    start() {
      for (const job of jobs.takeInterrupted()) settleInterrupted(job);
      if (timer) return;
      timer = setInterval(() => {
        if (!escpos.busy) void refresh();
      }, ports.statusIntervalMs ?? 15_000);
      timer.unref?.();
      void refresh();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
