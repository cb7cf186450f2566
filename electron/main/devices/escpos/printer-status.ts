import type { PrinterState } from '../../../../shared/domain/devices';

/** ESC/POS real-time status requests (DLE EOT n): printer, offline cause, error cause, roll paper. */
export const STATUS_QUERY = { printer: [0x10, 0x04, 1], offline: [0x10, 0x04, 2], paper: [0x10, 0x04, 4] } as const;

/** Every status byte has bits 1 and 4 set and bits 0 and 7 clear: anything else is not an answer to DLE EOT. */
export const isStatusByte = (byte: number): boolean => (byte & 0x93) === 0x12;

export interface StatusBytes {
  printer: number | null;
  offline: number | null;
  paper: number | null;
}

/**
 * Reads the answers to DLE EOT 1, 2 and 4. A printer that gave no answer, or not a status byte,
 * is `unknown`: it may well be out of paper, so it is never reported as ok.
 */
export function printerStateOf(status: StatusBytes): PrinterState {
  const { printer, offline, paper } = status;
  if (printer === null || !isStatusByte(printer)) return 'unknown';
  if (printer & 0x08) {
    if (offline === null || !isStatusByte(offline)) return 'offline';
    if (offline & 0x04) return 'cover_open';
    if (offline & 0x20) return 'paper_out';
    return 'offline';
  }
  if (paper !== null && isStatusByte(paper)) {
    if (paper & 0x60) return 'paper_out';
    if (paper & 0x0c) return 'paper_near_end';
  }
  return 'ok';
}

/** What each state means to the cashier. */
export const PRINTER_STATE_MESSAGES: Record<PrinterState, string> = {
  ok: 'Printer ready.',
  paper_near_end: 'The printer’s paper is running out: change the roll soon.',
  paper_out: 'The printer is out of paper: load a new roll.',
  cover_open: 'The printer’s cover is open: close it.',
  offline: 'The printer is offline: check it is switched on and has no error light.',
  unreachable: 'The printer cannot be reached: check its cable or network and that it is switched on.',
  unknown: 'The printer did not say whether it is ready: it may be out of paper.',
  not_set_up: 'The receipt printer is not fully set up: an admin can finish it in Settings.',
  os_dialog: 'Receipts print through the system’s print dialog.',
};

/** A state in which printing would not come out on paper. */
export const cannotPrint = (state: PrinterState): boolean =>
  state === 'paper_out' || state === 'cover_open' || state === 'offline' || state === 'unreachable';
