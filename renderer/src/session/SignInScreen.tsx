import { useCallback, useState } from 'react';
import type { StaffSummary } from '../../../shared/domain/staff';
import { errorMessage } from '../bridge/messages';
import { useApi } from '../bridge/use-api';
import { useQuery } from '../bridge/use-query';
import { ErrorNotice } from '../components/ErrorNotice';
import { PinPad } from '../components/PinPad';
import { PinFeedbackMessage } from './PinFeedbackMessage';
import { useSession } from './SessionContext';
import { PassphraseForm } from './PassphraseForm';
import { pinFeedback, type PinFeedback } from './sign-in-messages';
import { StaffPicker } from './StaffPicker';

/**
 * Pick yourself, enter your PIN. On a locked terminal the same screen unlocks: the locked staff
 * member is preselected, and main decides whether someone else may take over.
 */
export function SignInScreen({
  title,
  intro,
  preselect,
  filter,
}: {
  title: string;
  intro?: string;
  preselect?: string;
  filter?: (s: StaffSummary) => boolean;
}) {
  const api = useApi();
  const { session, setSession } = useSession();
  const load = useCallback(() => api.staff.list(), [api]);
  const staff = useQuery(load);
  const [selected, setSelected] = useState<string | null>(preselect ?? null);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<PinFeedback>(null);
  const clearFeedback = useCallback(() => setFeedback(null), []);
  // PCI sign-in mode: an admin's PIN waits here, in memory only, for their passphrase.
  const [second, setSecond] = useState<{ pin: string; firstTime: boolean } | null>(null);

  async function signIn(pin: string, passphrase?: string) {
    if (!selected) return;
    setBusy(true);
    try {
      const result = await api.session.signIn({ staffId: selected, pin, ...(passphrase !== undefined ? { passphrase } : {}) });
      if (result.outcome === 'signed_in') setSession(result.session);
      else if (result.outcome === 'passphrase_required') setSecond({ pin, firstTime: result.firstTime });
      if (result.outcome !== 'signed_in') setFeedback(pinFeedback(result));
      if (result.outcome !== 'passphrase_required' && result.outcome !== 'not_allowed') setSecond(null);
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error, 'sign in', 'Sign-in failed.') });
    } finally {
      setBusy(false);
    }
  }

  const people = staff.status === 'ready' ? staff.data.filter(filter ?? (() => true)) : [];
  const selectedName = people.find((p) => p.id === selected)?.name;

  return (
    <div className="stack">
      <h1>{title}</h1>
      {intro && <p className="muted">{intro}</p>}
      {staff.status === 'error' && (
        <ErrorNotice title="Could not load the staff list" message={staff.error.message} onRetry={staff.reload} />
      )}
      <div className="auth">
        <section aria-labelledby="who-heading" className="stack">
          <h2 id="who-heading">Who are you?</h2>
          <StaffPicker
            staff={people}
            selected={selected}
            label="Staff"
            onSelect={(id) => {
              setSelected(id);
              setFeedback(null);
              setSecond(null);
            }}
          />
        </section>
        <section className="stack" aria-live="polite">
          {selected ? (
            <>
              {second ? (
                <PassphraseForm
                  firstTime={second.firstTime}
                  busy={busy}
                  onSubmit={(passphrase) => void signIn(second.pin, passphrase)}
                  onCancel={() => setSecond(null)}
                />
              ) : (
                <PinPad
                  key={selected}
                  label={`PIN for ${selectedName ?? 'staff member'}`}
                  length={session?.pinLength ?? 6}
                  busy={busy}
                  onSubmit={(pin) => void signIn(pin)}
                />
              )}
              <PinFeedbackMessage feedback={feedback} onExpired={clearFeedback} />
            </>
          ) : (
            <p className="message message--info">Choose your name to enter your PIN.</p>
          )}
        </section>
      </div>
    </div>
  );
}
