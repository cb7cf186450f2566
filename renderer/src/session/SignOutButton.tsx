import { useCallback, useState } from 'react';
import type { SessionView } from '../../../shared/domain/staff';
import type { SyncStatus } from '../../../shared/domain/sync';
import { useApi } from '../bridge/use-api';
import { Button, DismissButton } from '../components/Button';
import { Dialog } from '../components/Dialog';

/** What happens to the items that wait, in words: they stay, and go on syncing with nobody signed in. */
export function waitingItemsNotice(status: Pick<SyncStatus, 'pending' | 'connectivity'>): string {
  const items = status.pending === 1 ? '1 item waits' : `${status.pending} items wait`;
  const when =
    status.connectivity === 'online'
      ? 'They keep syncing while the terminal runs, signed in or not.'
      : 'They are kept on this terminal and sync as soon as NoPOS can be reached, while the terminal runs or at the next sign-in.';
  return `${items} to be sent to NoPOS. ${when}`;
}

/**
 * Signs out at once when nothing waits to sync; otherwise first says how many items wait and that
 * they are kept and keep syncing, so staff never think signing out loses or stops them.
 */
export function SignOutButton({ onSignedOut }: { onSignedOut: (session: SessionView) => void }) {
  const api = useApi();
  const [waiting, setWaiting] = useState<SyncStatus | null>(null);
  const signOut = useCallback(() => {
    setWaiting(null);
    void api.session.signOut().then(onSignedOut);
  }, [api, onSignedOut]);

  async function ask() {
    // No sync on this terminal (or no answer): nothing to warn about.
    const status = await api.sync.status().catch(() => null);
    if (status && status.pending > 0) setWaiting(status);
    else signOut();
  }

  return (
    <>
      <Button variant="secondary" className="button--small" onClick={() => void ask()}>
        Sign out
      </Button>
      {waiting && (
        <Dialog title="Sign out?" onClose={() => setWaiting(null)}>
          <p data-testid="sign-out-waiting">{waitingItemsNotice(waiting)}</p>
          <div className="actions">
            <Button variant="primary" onClick={signOut}>
              Sign out
            </Button>
            <DismissButton onClick={() => setWaiting(null)}>Stay signed in</DismissButton>
          </div>
        </Dialog>
      )}
    </>
  );
}
