import type { NoposContract } from '../../../shared/ipc/contract';
import type { AuditTrail } from '../audit/audit-trail';
import type { Handlers } from '../ipc/registry';
import { selectCardReader, type SelectedCardReader } from './card-reader-selection';
import { SimulatedCashDrawer, type CashDrawer } from './cash-drawer';
import { createDrawerHandlers } from './drawer-handlers';
import { noReceiptPrinter, type ReceiptPrinter } from './receipt-printer';
import type { TerminalDevices } from './terminal-devices';

// The devices area's face: the receipt printer, cash drawer and card reader the host brings (or
// none, a simulated drawer, and the reader this platform allows), and the no-sale drawer channel.
// The Electron printer (electron-receipt-printer.ts) is the edge's and is built by its host.
export type { TerminalDevices } from './terminal-devices';

export interface DevicesPorts {
  /** The host's devices; without them, no printer and a simulated drawer. */
  devices?: TerminalDevices | undefined;
  audit: AuditTrail;
  now: () => Date;
  log: (entry: Record<string, unknown>) => void;
}

export interface Devices {
  printer: ReceiptPrinter;
  drawer: CashDrawer;
  cardReader: SelectedCardReader;
  handlers: Pick<Handlers<NoposContract>, 'drawer'>;
}

export function createDevices(ports: DevicesPorts): Devices {
  const { now, log } = ports;
  const { printer, drawer, cardReader } = ports.devices ?? { printer: noReceiptPrinter, drawer: new SimulatedCashDrawer({ now, log }) };
  return {
    printer,
    drawer,
    cardReader: cardReader ?? selectCardReader(process.platform),
    handlers: { drawer: createDrawerHandlers(ports.audit, now, drawer) },
  };
}
