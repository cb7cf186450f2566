import { z } from 'zod';

/** ISO 4217 alphabetic code. */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR');

/** Money is integer minor units (cents) with its currency: never a float. */
export const minorUnitsSchema = z.number().int().min(-1_000_000_000_000).max(1_000_000_000_000);

export const moneySchema = z.object({ minor: minorUnitsSchema, currency: currencySchema }).strict();
export type Money = z.infer<typeof moneySchema>;

const digitsByCurrency = new Map<string, number>();

/** Digits after the decimal point for a currency (JPY 0, EUR 2, KWD 3), from the platform's ISO data. */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    // Asked for every amount shown or parsed; building a formatter each time is most of the cost.
    if (digitsByCurrency.size < 500) digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** Integer minor units to a plain decimal string (12345, EUR → "123.45"), without floating point. */
export function formatMinor(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
