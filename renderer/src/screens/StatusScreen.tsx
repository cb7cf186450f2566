import { useCallback } from 'react';
import { useApi } from '../bridge/use-api';
import { useQuery } from '../bridge/use-query';
import { Button } from '../components/Button';
import { ErrorNotice } from '../components/ErrorNotice';
import { Panel } from '../components/Panel';
import { Pill } from '../components/Pill';
import { DrawerPanel } from './DrawerPanel';

const PLATFORM_NAMES = { linux: 'Linux', darwin: 'macOS', win32: 'Windows', other: 'Other' } as const;

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function StatusScreen() {
  const api = useApi();
  const load = useCallback(() => api.app.getStatus(), [api]);
  const status = useQuery(load);
  const loadSettings = useCallback(() => api.settings.get(), [api]);
  const settings = useQuery(loadSettings);

  return (
    <div className="stack">
      <h1>Terminal status</h1>
      <DrawerPanel />
      {status.status === 'error' && (
        <ErrorNotice title="Could not read the terminal status" message={status.error.message} onRetry={status.reload} />
      )}
      <Panel
        title="This terminal"
        actions={
          <Button variant="secondary" onClick={status.reload} disabled={status.status === 'loading'}>
            Refresh
          </Button>
        }
      >
        {status.status === 'ready' ? (
          <dl className="facts" aria-label="Terminal status">
            <dt>Service</dt>
            <dd>
              <Pill tone="ok">Running</Pill>
            </dd>
            {settings.status === 'ready' && (
              <>
                <dt>Store</dt>
                <dd>{settings.data.values.store.name}</dd>
                <dt>Terminal</dt>
                <dd data-testid="terminal-id">
                  {settings.data.values.terminal.name} ({settings.data.values.terminal.id})
                </dd>
              </>
            )}
            <dt>Product</dt>
            <dd>{status.data.productName}</dd>
            <dt>Version</dt>
            <dd data-testid="app-version">{status.data.version}</dd>
            <dt>Operating system</dt>
            <dd>{PLATFORM_NAMES[status.data.platform]}</dd>
            <dt>Started</dt>
            <dd>{formatTime(status.data.startedAt)}</dd>
            <dt>Checked</dt>
            <dd>{formatTime(status.data.now)}</dd>
          </dl>
        ) : (
          <p className="muted" role="status">
            {status.status === 'loading' ? 'Checking the terminal…' : 'No status to show.'}
          </p>
        )}
      </Panel>
    </div>
  );
}
