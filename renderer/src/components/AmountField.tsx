import { forwardRef } from 'react';
import { minorDigits } from '../../../shared/domain/money';
import { decimalSeparator } from '../format/amount';
import { Field } from './Field';

/**
 * An amount typed by a person, kept exactly as typed (nothing is stripped or corrected); the caller
 * reads it with `readAmount`, which accepts it as typed or says why not. No number input: browsers
 * round and localise those unpredictably.
 */
export const AmountField = forwardRef<
  HTMLInputElement,
  { label: string; currency: string; value: string; onChange: (text: string) => void; help?: string; error?: string; autoFocus?: boolean }
>(function AmountField({ label, currency, value, onChange, help, error, autoFocus }, ref) {
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
          placeholder={digits > 0 ? `0${decimalSeparator()}${'0'.repeat(digits)}` : '0'}
          value={value}
          autoFocus={autoFocus}
          maxLength={24}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
});
