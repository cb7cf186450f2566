import type { DeviceSettings, DeviceTestResult } from '../../../shared/domain/devices';
import type { AuditTrail } from '../audit/audit-trail';
import type { CashDrawer } from './cash-drawer';
import type { EscPosPrinter } from './escpos/escpos-printer';
import { PRINTER_STATE_MESSAGES } from './escpos/printer-status';
import { testPageBytes } from './escpos/receipt-bytes';
import { isEscPos } from './links/printer-links';
import { printFailureMessage } from './device-receipt-printer';

export type TestedDevice = 'printer' | 'drawer' | 'display' | 'scale';

/** A device's own check, answered in plain words; other devices (display, scale) plug in their test. */
export type DeviceCheck = () => Promise<DeviceTestResult>;

/** The settings screen's Test buttons. Every test is audited with its outcome. */
export class DeviceTester {
  constructor(
    private readonly deps: {
      settings: () => DeviceSettings;
      terminalName: () => string;
      escpos: EscPosPrinter;
      drawer: CashDrawer;
      audit: Pick<AuditTrail, 'record'>;
      checks: Partial<Record<TestedDevice, DeviceCheck>>;
    },
  ) {}

  async test(device: TestedDevice, actorId: string | null): Promise<DeviceTestResult> {
    const result = await this.run(device).catch((error: unknown) => ({
      ok: false,
      message: error instanceof Error ? error.message : 'The test failed.',
    }));
    this.deps.audit.record({ action: 'device.tested', actorId, target: device, details: { ok: result.ok } });
    return result;
  }

  private async run(device: TestedDevice): Promise<DeviceTestResult> {
    const settings = this.deps.settings();
    if (device === 'printer') {
      const { printer } = settings;
      if (printer.connection === 'os_dialog')
        return { ok: true, message: 'Receipts print through the system’s print dialog: print a receipt to try it.' };
      if (!isEscPos(printer.connection)) return { ok: false, message: 'No receipt printer is set up.' };
      const result = await this.deps.escpos.send(testPageBytes(printer, this.deps.terminalName()));
      if (!result.ok) return { ok: false, message: printFailureMessage(result, 'test page') };
      return {
        ok: true,
        message:
          result.state === 'unknown'
            ? 'The test page was sent. The printer does not report its state: check that it came out.'
            : `The test page printed. ${PRINTER_STATE_MESSAGES[result.state]}`,
      };
    }
    if (device === 'drawer') {
      if (settings.drawer.connection === 'none') return { ok: false, message: 'No cash drawer is set up.' };
      await this.deps.drawer.open('no_sale');
      return { ok: true, message: 'The drawer was told to open. If it stayed shut, try a longer pulse or the other pin.' };
    }
    const check = this.deps.checks[device];
    if (!check) return { ok: false, message: device === 'display' ? 'No customer display is set up.' : 'No scale is set up.' };
    return check();
  }
}
