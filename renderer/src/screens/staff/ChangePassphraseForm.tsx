import { useState } from 'react';
import { errorMessage } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { Panel } from '../../components/Panel';

/** PCI sign-in mode: the signed-in admin changes their passphrase; main checks the current one and the rules. */
export function ChangePassphraseForm() {
  const api = useApi();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    setBusy(true);
    try {
      await api.staff.changePassphrase({ current, next });
      setCurrent('');
      setNext('');
      setStatus({ ok: true, text: 'Your passphrase is changed: give the new one at your next sign-in.' });
    } catch (error) {
      setStatus({ ok: false, text: errorMessage(error, 'change your passphrase', 'Could not change your passphrase.') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Panel title="My admin passphrase">
      <form
        className="stack"
        aria-label="Change my passphrase"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field label="Current passphrase">
          {(props) => (
            <input
              {...props}
              className="input"
              type="password"
              autoComplete="current-password"
              maxLength={128}
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          )}
        </Field>
        <Field label="New passphrase" help="At least 12 characters, with letters and digits.">
          {(props) => (
            <input
              {...props}
              className="input"
              type="password"
              autoComplete="new-password"
              maxLength={128}
              value={next}
              onChange={(e) => setNext(e.target.value)}
            />
          )}
        </Field>
        <div className="actions">
          <Button type="submit" disabled={busy || !current || !next}>
            Change passphrase
          </Button>
        </div>
        <div role="status" aria-live="polite">
          {status && <p className={status.ok ? 'message message--info' : 'message message--error'}>{status.text}</p>}
        </div>
      </form>
    </Panel>
  );
}
