import type { PrinterState } from '../../../../shared/domain/devices';
import { DeviceQueue } from '../device-queue';
import { DeviceIoError, type DeviceLink } from '../links/printer-link';
import { cannotPrint, isStatusByte, printerStateOf, STATUS_QUERY, type StatusBytes } from './printer-status';

export interface PrinterTimeouts {
  connectMs: number;
  writeMs: number;
  statusMs: number;
}

export const DEFAULT_PRINTER_TIMEOUTS: PrinterTimeouts = { connectMs: 2_000, writeMs: 8_000, statusMs: 700 };

export type PrintJobResult = { ok: true; state: PrinterState } | { ok: false; state: PrinterState; partial: boolean };

/** A job's answer once the bytes are out: paper out or an opened cover right after means the paper may be short. */
const failedAfter = (state: PrinterState) => state === 'paper_out' || state === 'cover_open';

/**
 * An ESC/POS printer behind any link (TCP, serial, USB). Every job opens the link, asks the printer's
 * state (DLE EOT), sends only when it can print, asks again after, and closes. Nothing is retried:
 * a receipt or a drawer kick sent twice is worse than one that failed and says so.
 */
export class EscPosPrinter {
  private readonly queue = new DeviceQueue();
  private last: { state: PrinterState; at: Date } | null = null;

  constructor(
    private readonly deps: {
      openLink: (connectTimeoutMs: number) => Promise<DeviceLink>;
      now: () => Date;
      timeouts?: PrinterTimeouts;
      onState?: (state: PrinterState) => void;
    },
  ) {}

  private get timeouts(): PrinterTimeouts {
    return this.deps.timeouts ?? DEFAULT_PRINTER_TIMEOUTS;
  }

  get lastKnown(): { state: PrinterState; at: Date } | null {
    return this.last;
  }

  get busy(): boolean {
    return this.queue.busy;
  }

  /** Resolves once every job queued so far has ended. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private remember(state: PrinterState): PrinterState {
    this.last = { state, at: this.deps.now() };
    this.deps.onState?.(state);
    return state;
  }

  private async readState(link: DeviceLink): Promise<PrinterState> {
    const ask = async (query: readonly number[]) => {
      const byte = await link.query(Uint8Array.from(query), this.timeouts.statusMs);
      return byte !== null && isStatusByte(byte) ? byte : null;
    };
    const status: StatusBytes = { printer: await ask(STATUS_QUERY.printer), offline: null, paper: null };
    if (status.printer === null) return 'unknown';
    if (status.printer & 0x08) status.offline = await ask(STATUS_QUERY.offline);
    else status.paper = await ask(STATUS_QUERY.paper);
    return printerStateOf(status);
  }

  private async withLink<T>(use: (link: DeviceLink) => Promise<T>): Promise<T> {
    const link = await this.deps.openLink(this.timeouts.connectMs);
    try {
      return await use(link);
    } finally {
      link.close();
    }
  }

  private stateOfFault(error: unknown): PrinterState {
    if (error instanceof DeviceIoError)
      return error.fault === 'not_set_up' ? 'not_set_up' : error.fault === 'timeout' ? 'offline' : 'unreachable';
    return 'unreachable';
  }

  /** Asks the printer now (queued behind any job). */
  checkStatus(): Promise<PrinterState> {
    return this.queue.run(async () => {
      try {
        return this.remember(await this.withLink((link) => this.readState(link)));
      } catch (error) {
        return this.remember(this.stateOfFault(error));
      }
    });
  }

  /**
   * Sends one job's bytes. `onFirstWrite` fires just before the bytes go out (the job's record is made
   * there). `whenStopped` are bytes a stopped printer still acts on (a real-time drawer pulse).
   */
  send(
    bytes: Uint8Array,
    options: { onFirstWrite?: () => void; whenStopped?: Uint8Array; askAfter?: boolean } = {},
  ): Promise<PrintJobResult> {
    return this.queue.run(async () => {
      let written = false;
      try {
        return await this.withLink(async (link) => {
          const before = await this.readState(link);
          if (cannotPrint(before) && options.whenStopped) {
            await link.write(options.whenStopped, this.timeouts.writeMs);
            return { ok: true as const, state: this.remember(before) };
          }
          if (cannotPrint(before)) return { ok: false as const, state: this.remember(before), partial: false };
          options.onFirstWrite?.();
          written = true;
          await link.write(bytes, this.timeouts.writeMs);
          // A drawer pulse has no paper to run out of: only a receipt asks again after its bytes.
          if (options.askAfter === false)
            return link.alive()
              ? { ok: true as const, state: before }
              : { ok: false as const, state: this.remember('unreachable'), partial: true };
          const after = await this.readState(link);
          if (!link.alive()) return { ok: false as const, state: this.remember('unreachable'), partial: true };
          this.remember(after === 'unknown' && before !== 'unknown' ? before : after);
          return failedAfter(after) ? { ok: false as const, state: after, partial: true } : { ok: true as const, state: after };
        });
      } catch (error) {
        return { ok: false as const, state: this.remember(this.stateOfFault(error)), partial: written };
      }
    });
  }
}
