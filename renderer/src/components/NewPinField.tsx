import { Field } from './Field';

/** A PIN being chosen: hidden, digits only (anything else typed is dropped), never filled in by the browser. */
export function NewPinField({
  label,
  help,
  value,
  onChange,
}: {
  label: string;
  help?: string;
  value: string;
  onChange: (pin: string) => void;
}) {
  return (
    <Field label={label} {...(help ? { help } : {})}>
      {(props) => (
        <input
          {...props}
          className="input"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          value={value}
          onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
        />
      )}
    </Field>
  );
}
