import type { SelectedCardReader } from './card-reader-selection';
import type { CashDrawer } from './cash-drawer';
import type { ReceiptPrinter } from './receipt-printer';

/** The hardware a till drives, each behind its interface; the host (Electron, browser host, a test) picks them. */
export interface TerminalDevices {
  printer: ReceiptPrinter;
  drawer: CashDrawer;
  /** The card reader; without one, the one `selectCardReader` picks for this platform (simulated where no driver exists). */
  cardReader?: SelectedCardReader;
}
