import { useCallback, useState } from 'react';
import { errorMessage } from '../bridge/messages';
import { useApi } from '../bridge/use-api';
import { useQuery } from '../bridge/use-query';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { PinPad } from '../components/PinPad';
import { PinFeedbackMessage } from '../session/PinFeedbackMessage';
import { useSession } from '../session/SessionContext';
import { pinFeedback, type PinFeedback } from '../session/sign-in-messages';

/**
 * The way out of kiosk mode, for an admin only and only while kiosk mode is on: a small button in the
 * header that asks for the admin's PIN again. Main checks the PIN (with its lockout) and the role.
 */
export function KioskExitControl() {
  const api = useApi();
  const { session, can } = useSession();
  const kiosk = useQuery(useCallback(() => api.kiosk.status(), [api]));
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<PinFeedback>(null);
  const close = useCallback(() => {
    setOpen(false);
    setFeedback(null);
  }, []);
  const clearFeedback = useCallback(() => setFeedback(null), []);

  if (kiosk.status !== 'ready' || !kiosk.data.active || !can('manage:settings')) return null;

  async function leave(pin: string) {
    setBusy(true);
    try {
      const result = await api.kiosk.exit({ pin });
      if (result.outcome === 'exited') {
        close();
        kiosk.reload();
      } else {
        setFeedback(pinFeedback(result));
      }
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error, 'leave kiosk mode', 'Leaving kiosk mode failed.') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button variant="secondary" className="button--small" onClick={() => setOpen(true)}>
        Exit kiosk
      </Button>
      {open && (
        <Dialog title="Leave kiosk mode" onClose={close}>
          <p>
            {session?.state === 'signed_in' ? `${session.staff.name}, enter` : 'Enter'} your admin PIN again. The window gets its frame back
            and can be closed; kiosk mode returns when the terminal next starts.
          </p>
          <PinPad label="Admin PIN" length={session?.pinLength ?? 6} busy={busy} submitLabel="Leave kiosk mode" onSubmit={leave} />
          <PinFeedbackMessage feedback={feedback} onExpired={clearFeedback} />
          <div className="actions">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
          </div>
        </Dialog>
      )}
    </>
  );
}
