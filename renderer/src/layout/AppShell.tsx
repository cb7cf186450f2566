import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useApi } from '../bridge/use-api';
import { useQuery } from '../bridge/use-query';
import { SyncStatusBar } from '../sync/SyncStatusBar';
import { DeviceAlerts } from '../devices/DeviceAlerts';

export function AppShell({ nav, children }: { nav?: ReactNode; children: ReactNode }) {
  return (
    <div className="shell">
      <header className="shell__header">
        <span className="shell__brand">NoPOS Terminal</span>
        {nav}
      </header>
      {/* Strips of their own under the header: staff always see the link and the queue, whatever the screen. */}
      <div className="shell__strips">
        <DemoBanner />
        <div className="shell__status">
          <SyncStatusBar />
          <DiskFullBanner />
          {nav && <DeviceAlerts />}
        </div>
      </div>
      <main className="shell__main" id="main">
        {children}
      </main>
    </div>
  );
}

/**
 * Shown only on a throw-away development terminal (browser host without a system keychain), in a
 * strip of its own so it is never cut: what it is, where its data is, and how to stop it.
 */
function DemoBanner() {
  const api = useApi();
  const status = useQuery(useCallback(() => api.app.getStatus(), [api]));
  if (status.status !== 'ready' || !status.data.demo) return null;
  return (
    <p className="shell__demo" role="status" data-testid="demo-banner">
      <strong>Demo terminal: nothing is kept after it stops.</strong>{' '}
      {status.data.demoDataDir ? (
        <>
          Its data is in <code>{status.data.demoDataDir}</code> until then.{' '}
        </>
      ) : null}
      To stop it, press <kbd className="kbd">Ctrl</kbd>+<kbd className="kbd">C</kbd> in the terminal window where <code>npm start</code>{' '}
      runs.
    </p>
  );
}

/**
 * While the disk is full: sales are refused with nothing lost, and the terminal carries on by itself
 * once there is room. Asked every few seconds, so it also goes away by itself.
 */
function DiskFullBanner() {
  const api = useApi();
  const [full, setFull] = useState(false);
  useEffect(() => {
    let live = true;
    const ask = () =>
      api.app.getStatus().then(
        (s) => live && setFull(s.disk.full),
        () => {},
      );
    ask();
    const timer = setInterval(ask, 5_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api]);
  if (!full) return null;
  return (
    <p className="shell__disk-full" role="alert" data-testid="disk-full">
      The disk is full: sales cannot be saved until IT frees space. Nothing taken so far is lost.
    </p>
  );
}
