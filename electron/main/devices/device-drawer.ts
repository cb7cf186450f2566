import type { DeviceSettings } from '../../../shared/domain/devices';
import { AppError } from '../../../shared/ipc/errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { CashDrawer, DrawerOpenReason } from './cash-drawer';
import type { DeviceMonitor } from './device-monitor';
import type { EscPosPrinter } from './escpos/escpos-printer';
import { PRINTER_STATE_MESSAGES } from './escpos/printer-status';
import { drawerKickBytes, realtimeKickBytes } from './escpos/receipt-bytes';
import { isEscPos } from './links/printer-links';

export class DrawerDidNotOpen extends AppError {
  constructor(
    readonly reason: DrawerOpenReason,
    message: string,
  ) {
    super('unavailable', message);
  }
}

/**
 * The cash drawer as set up: kicked through the ESC/POS printer's drawer port (one pulse per call,
 * never retried: a second pulse would open it twice), or the host's drawer when none is wired.
 * A kick that cannot be sent is reported to the cashier and rejects; callers decide whether to wait.
 */
export function deviceCashDrawer(deps: {
  settings: () => DeviceSettings;
  host: CashDrawer;
  escpos: EscPosPrinter;
  monitor: DeviceMonitor;
  audit: Pick<AuditTrail, 'record'>;
}): CashDrawer {
  const fail = (reason: DrawerOpenReason, message: string): never => {
    deps.monitor.report({ device: 'drawer', outcome: 'failed', message, target: reason });
    deps.audit.record({ action: 'drawer.failed', actorId: null, details: { reason } });
    throw new DrawerDidNotOpen(reason, message);
  };
  return {
    open: async (reason) => {
      const { drawer, printer } = deps.settings();
      if (drawer.connection === 'none') return deps.host.open(reason);
      if (!isEscPos(printer.connection))
        return fail(reason, 'The drawer did not open: it is wired to the printer, but no ESC/POS printer is set up.');
      const result = await deps.escpos.send(drawerKickBytes(drawer), { whenStopped: realtimeKickBytes(drawer), askAfter: false });
      if (!result.ok) fail(reason, `The drawer did not open. ${PRINTER_STATE_MESSAGES[result.state]} Open it with its key if you must.`);
    },
  };
}
