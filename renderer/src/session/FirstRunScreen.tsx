import { useState, type FormEvent } from 'react';
import { BridgeError } from '../bridge/client';
import { useApi } from '../bridge/use-api';
import { Button } from '../components/Button';
import { Field } from '../components/Field';
import { Panel } from '../components/Panel';
import { useSession } from './SessionContext';
import { NewPinField } from '../components/NewPinField';

/** A new terminal: the person setting it up becomes its first admin. Nothing else works until then. */
export function FirstRunScreen() {
  const api = useApi();
  const { session, setSession } = useSession();
  const pinLength = session?.pinLength ?? 6;
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError('Enter your name.');
    if (!new RegExp(`^\\d{${pinLength}}$`).test(pin)) return setError(`Choose a PIN of ${pinLength} digits.`);
    if (pin !== confirm) return setError('The two PINs do not match.');
    setBusy(true);
    try {
      setSession(await api.staff.setupFirstAdmin({ name: name.trim(), pin }));
    } catch (e) {
      setError(e instanceof BridgeError ? e.message : 'Set-up failed.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <h1>Set up this terminal</h1>
      <p className="muted">You will be its first admin. You can add managers and cashiers next.</p>
      <Panel title="First admin">
        <form className="stack" onSubmit={submit} noValidate>
          <Field label="Your name">
            {(props) => <input {...props} className="input" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
          </Field>
          <NewPinField
            label={`Choose a PIN (${pinLength} digits)`}
            help="Not all one digit, and not a run such as 123456."
            value={pin}
            onChange={setPin}
          />
          <NewPinField label="Enter the PIN again" value={confirm} onChange={setConfirm} />
          <div role="status" aria-live="assertive">
            {error && <p className="message message--error">{error}</p>}
          </div>
          <div className="actions">
            <Button type="submit" disabled={busy}>
              Create admin and sign in
            </Button>
          </div>
        </form>
      </Panel>
    </div>
  );
}
