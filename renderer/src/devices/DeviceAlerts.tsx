import { useEffect, useState } from 'react';
import type { DeviceStatus } from '../../../shared/domain/devices';
import { useApi } from '../bridge/use-api';
import { Button } from '../components/Button';

/** Printer states worth a cashier's attention before the next tender. */
const WORTH_SAYING = new Set(['paper_near_end', 'paper_out', 'cover_open', 'offline', 'unreachable', 'not_set_up']);

/**
 * Under the header on every screen: the printer's state when it needs attention, and the latest
 * device problem (a receipt that did not print, a drawer that did not open) until it is dismissed.
 */
export function DeviceAlerts() {
  const api = useApi();
  const [status, setStatus] = useState<DeviceStatus | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.devices.status({}).then(
      (s) => live && setStatus(s),
      () => {},
    );
    const off = api.events.devices.changed((s) => live && setStatus(s));
    return () => {
      live = false;
      off();
    };
  }, [api]);

  if (!status) return null;
  const latest = status.recent[0];
  const showLatest = latest && latest.at !== dismissed;
  const showPrinter = WORTH_SAYING.has(status.printer.state);
  if (!showLatest && !showPrinter) return null;
  return (
    <div className="device-alerts" data-testid="device-alerts">
      {showPrinter && (
        <p className="device-alerts__item" role="status" data-testid="printer-state">
          <span className="pill pill--warning">Printer</span> {status.printer.message}
        </p>
      )}
      {showLatest && (
        <p className="device-alerts__item" role="alert" data-testid="device-problem">
          <span className={`pill ${latest.outcome === 'failed' ? 'pill--danger' : 'pill--warning'}`}>
            {latest.device === 'drawer'
              ? 'Drawer'
              : latest.device === 'printer'
                ? 'Printer'
                : latest.device === 'scale'
                  ? 'Scale'
                  : 'Display'}
          </span>{' '}
          {latest.message}
          <Button variant="secondary" className="button--small" onClick={() => setDismissed(latest.at)}>
            OK
          </Button>
        </p>
      )}
    </div>
  );
}
