import type { DeviceEvent, DeviceSettings, DeviceStatus, PrinterState } from '../../../shared/domain/devices';
import { PRINTER_STATE_MESSAGES } from './escpos/printer-status';
import { isEscPos } from './links/printer-links';

/**
 * What the terminal knows about its devices right now: the printer's last state and the latest
 * failures and interruptions, newest first. Every change is published to the page.
 */
export class DeviceMonitor {
  private printerState: { state: PrinterState; at: string } | null = null;
  private readonly recent: DeviceEvent[] = [];

  constructor(
    private readonly deps: {
      now: () => Date;
      settings: () => DeviceSettings;
      publish: (status: DeviceStatus) => void;
      log: (entry: Record<string, unknown>) => void;
    },
  ) {}

  printerChanged(state: PrinterState): void {
    const changed = this.printerState?.state !== state;
    this.printerState = { state, at: this.deps.now().toISOString() };
    if (changed) this.deps.publish(this.status());
  }

  report(event: Omit<DeviceEvent, 'at'>): void {
    this.recent.unshift({ ...event, at: this.deps.now().toISOString() });
    this.recent.splice(20);
    // The app log keeps the device and outcome; the message is the same words the cashier saw.
    this.deps.log({ event: `device.${event.outcome}`, device: event.device, target: event.target, message: event.message });
    this.deps.publish(this.status());
  }

  status(): DeviceStatus {
    const settings = this.deps.settings();
    const { connection } = settings.printer;
    const state: PrinterState = !isEscPos(connection)
      ? connection === 'os_dialog'
        ? 'os_dialog'
        : 'not_set_up'
      : (this.printerState?.state ?? 'unknown');
    return {
      printer: {
        connection,
        state,
        message: connection === 'none' ? 'No receipt printer is set up: save receipts as PDF.' : PRINTER_STATE_MESSAGES[state],
        checkedAt: isEscPos(connection) ? (this.printerState?.at ?? null) : null,
      },
      drawer: { connection: settings.drawer.connection },
      customerDisplay: { kind: settings.customerDisplay.kind },
      scale: { kind: settings.scale.kind },
      recent: [...this.recent],
    };
  }
}
