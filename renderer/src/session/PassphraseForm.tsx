import { useState } from 'react';
import { Button } from '../components/Button';
import { Field } from '../components/Field';

/** PCI sign-in mode: an admin's second secret, after their PIN (PCI DSS 8.3.6). */
export function PassphraseForm({
  firstTime,
  busy,
  onSubmit,
  onCancel,
}: {
  firstTime: boolean;
  busy: boolean;
  onSubmit: (passphrase: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState('');
  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(value);
        setValue('');
      }}
    >
      <Field
        label={firstTime ? 'Choose your admin passphrase' : 'Admin passphrase'}
        help={firstTime ? '12 or more characters, with letters and digits.' : undefined}
      >
        {(props) => (
          <input
            {...props}
            className="input"
            type="password"
            autoComplete={firstTime ? 'new-password' : 'current-password'}
            autoFocus
            value={value}
            maxLength={128}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </Field>
      <div className="actions">
        <Button type="submit" disabled={busy || value.length === 0}>
          Sign in
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Back
        </Button>
      </div>
    </form>
  );
}
