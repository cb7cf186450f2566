import { useState } from 'react';
import { errorMessage } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';

/** Re-encrypts the terminal's database under a new key, for example after a staff member with access leaves. */
export function KeyRotationPanel() {
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function rotate() {
    setBusy(true);
    setStatus(null);
    try {
      const { rotatedAt } = await api.storage.rotateKey();
      setStatus({ ok: true, text: `New database key in use since ${new Date(rotatedAt).toLocaleTimeString()}.` });
    } catch (error) {
      setStatus({ ok: false, text: errorMessage(error, 'rotate the database key', 'Rotation failed.') });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <Panel title="Database key">
      <p className="muted">
        Sales and settings on this terminal are encrypted with a key kept in the system keychain. Rotating re-encrypts everything under a
        new key; it takes a moment and keeps all data.
      </p>
      <div className="actions">
        {confirming ? (
          <>
            <Button onClick={rotate} disabled={busy}>
              Yes, rotate the key now
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </Button>
          </>
        ) : (
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            Rotate database key
          </Button>
        )}
        <div role="status" aria-live="polite">
          {status && <span className={status.ok ? 'pill pill--ok' : 'field__error'}>{status.text}</span>}
        </div>
      </div>
    </Panel>
  );
}
