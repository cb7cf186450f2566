import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from './Button';

/**
 * A PIN entry for touch and keyboard alike: a masked numeric field that takes typing, and a
 * large on-screen pad. The PIN lives only in this component's state until it is submitted.
 */
export function PinPad({
  label,
  length,
  busy,
  submitLabel = 'Sign in',
  onSubmit,
  autoFocus = true,
}: {
  label: string;
  length: number;
  busy?: boolean;
  submitLabel?: string;
  onSubmit: (pin: string) => void;
  autoFocus?: boolean;
}) {
  const id = useId();
  const [pin, setPin] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  const add = (digit: string) => setPin((p) => (p.length < 8 ? p + digit : p));
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (pin.length < 4 || busy) return;
    onSubmit(pin);
    setPin('');
    input.current?.focus();
  };

  return (
    <form className="pin-pad" onSubmit={submit}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        ref={input}
        id={id}
        className="input pin-pad__field"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        value={pin}
        onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
        aria-describedby={`${id}-hint`}
      />
      <p className="field__help" id={`${id}-hint`}>
        {length} digits. Type them or tap below.
      </p>
      <div className="pin-pad__keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button key={d} type="button" className="pin-pad__key" onClick={() => add(d)} aria-label={`Digit ${d}`}>
            {d}
          </button>
        ))}
        <button type="button" className="pin-pad__key pin-pad__key--muted" onClick={() => setPin('')} aria-label="Clear PIN">
          Clear
        </button>
        <button type="button" className="pin-pad__key" onClick={() => add('0')} aria-label="Digit 0">
          0
        </button>
        <button
          type="button"
          className="pin-pad__key pin-pad__key--muted"
          onClick={() => setPin((p) => p.slice(0, -1))}
          aria-label="Delete last digit"
        >
          ⌫
        </button>
      </div>
      <Button type="submit" disabled={busy || pin.length < 4}>
        {submitLabel}
      </Button>
    </form>
  );
}
