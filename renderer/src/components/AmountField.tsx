import { forwardRef } from 'react';
import { minorDigits } from '../../../shared/domain/money';
import { Field } from './Field';

/**
 * An amount typed by a person, kept as the text they typed; the caller turns it into integer minor
 * units with `parseMinor`. No number input: browsers round and localise those unpredictably.
 */
export const AmountField = forwardRef<HTMLInputElement, { label: string; currency: string; value: string; onChange: (text: string) => void; help?: string; error?: string; autoFocus?: boolean }>(
  function AmountField({ label, currency, value, onChange, help, error, autoFocus }, ref) {
    const digits = minorDigits(currency);
    return (
      <Field label={`${label} (${currency})`} help={help} error={error}>
        {(p) => (
          <input
            {...p}
            ref={ref}
            className="input input--amount"
            inputMode={digits > 0 ? 'decimal' : 'numeric'}
            autoComplete="off"
            placeholder={digits > 0 ? `0.${'0'.repeat(digits)}` : '0'}
            value={value}
            autoFocus={autoFocus}
            onChange={(e) => onChange(e.target.value.replace(/[^0-9.,]/g, ''))}
          />
        )}
      </Field>
    );
  },
);
