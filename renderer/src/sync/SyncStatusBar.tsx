import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../shared/domain/sync';
import { useApi } from '../bridge/use-api';
import { Button } from '../components/Button';

const LABEL: Record<SyncStatus['connectivity'], string> = {
  online: 'Online',
  offline: 'Offline',
  not_enrolled: 'Not enrolled',
  credentials_rejected: 'Credentials rejected',
  revoked: 'Removed from store',
};

function age(fromIso: string, nowMs: number): string {
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 60_000));
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A time today as 14:05; an older one with its date. */
function since(iso: string): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return at.toDateString() === new Date().toDateString() ? time : `${at.toLocaleDateString()} ${time}`;
}

/**
 * Always in the shell: online or offline (from the API's own answers), how many items wait, the
 * oldest one's age with the time left to the warning and the limit, clock drift, and "Sync now".
 */
export function SyncStatusBar() {
  const api = useApi();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [nowMs, setNowMs] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.sync.status().then(
      (s) => live && setStatus(s),
      () => {},
    );
    const off = api.events.sync.changed((s) => live && setStatus(s));
    const tick = setInterval(() => setNowMs(Date.now()), 15_000);
    return () => {
      live = false;
      off();
      clearInterval(tick);
    };
  }, [api]);

  if (!status) return null;
  const left = (iso: string | null) => (iso ? Math.max(0, Date.parse(iso) - nowMs) : null);
  const warnLeft = left(status.warnAt);
  const limitLeft = left(status.limitAt);
  const hours = (ms: number) => `${Math.floor(ms / 3_600_000)} h ${Math.floor((ms % 3_600_000) / 60_000)} min`;
  const syncNow = () => {
    setBusy(true);
    api.sync
      .syncNow()
      .then(setStatus, () => {})
      .finally(() => setBusy(false));
  };
  return (
    <div className={`sync-status sync-status--${status.connectivity}`} role="status" aria-live="polite" data-testid="sync-status">
      <span className="sync-status__state" data-testid="sync-connectivity">
        {LABEL[status.connectivity]}
      </span>
      {status.connectivity === 'offline' && (
        <span className="sync-status__explain" data-testid="sync-offline-banner">
          Keep selling: sales are kept here and sync when the link is back.
        </span>
      )}
      <span data-testid="sync-pending">{status.pending} waiting</span>
      {status.oldestPendingAt && (
        <span data-testid="sync-oldest">
          oldest {age(status.oldestPendingAt, nowMs)}
          {warnLeft !== null && warnLeft > 0 ? ` · warning in ${hours(warnLeft)}` : ' · over 24 h'}
          {limitLeft !== null && (limitLeft > 0 ? ` · limit in ${hours(limitLeft)}` : ' · limit reached')}
        </span>
      )}
      {status.needsAttention > 0 && <span className="sync-status__attention">{status.needsAttention} need attention</span>}
      {status.clockDriftWarning && (
        <span className="sync-status__attention">
          Clock is off by {Math.round(Math.abs(status.clockDriftMs ?? 0) / 60_000)} min: fix the date and time
        </span>
      )}
      {status.catalogOutOfDateSince && (
        <span className="sync-status__attention" data-testid="sync-catalog-stale">
          Catalog out of date since {since(status.catalogOutOfDateSince)}
        </span>
      )}
      {status.staffOutOfDateSince && (
        <span className="sync-status__attention">Staff list out of date since {since(status.staffOutOfDateSince)}</span>
      )}
      {status.salesStopped && <span className="sync-status__attention">No new sales: this terminal was removed from its store</span>}
      {status.enrolled && (
        <Button variant="secondary" className="button--small sync-status__now" onClick={syncNow} disabled={busy} data-testid="sync-now">
          {busy ? 'Syncing…' : 'Sync now'}
        </Button>
      )}
    </div>
  );
}
