import { useCallback, type ReactNode } from 'react';
import { useApi } from '../bridge/use-api';
import { useQuery } from '../bridge/use-query';
import { SyncStatusBar } from '../sync/SyncStatusBar';
import { DeviceAlerts } from '../devices/DeviceAlerts';

export function AppShell({ nav, children }: { nav?: ReactNode; children: ReactNode }) {
  return (
    <div className="shell">
      <header className="shell__header">
        <span className="shell__brand">NoPOS Terminal</span>
        <DemoBanner />
        {nav}
      </header>
      {/* Its own strip under the header: staff always see the link and the queue, whatever the screen. */}
      <div className="shell__status">
        <SyncStatusBar />
        {nav && <DeviceAlerts />}
      </div>
      <main className="shell__main" id="main">
        {children}
      </main>
    </div>
  );
}

/** Shown only on a throw-away development terminal (browser host without a system keychain). */
function DemoBanner() {
  const api = useApi();
  const status = useQuery(useCallback(() => api.app.getStatus(), [api]));
  if (status.status !== 'ready' || !status.data.demo) return null;
  return (
    <p className="shell__demo" role="status">
      demo: nothing is kept after this terminal stops
    </p>
  );
}
