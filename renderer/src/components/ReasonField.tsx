import { Field } from './Field';

/** The reason staff give for a refund, a void, a discount or a cash movement: one line, as main takes it. */
export function ReasonField({ value, onChange, error }: { value: string; onChange: (reason: string) => void; error?: string | undefined }) {
  return (
    <Field label="Reason" error={error}>
      {(p) => (
        <input {...p} className="input" autoComplete="off" maxLength={120} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}
