import { formatMinor } from './money';

// Amounts, rates and weights as people read them, for the page and for printed receipts alike.
// Numbers reach Intl.NumberFormat as exact decimal strings, so no amount ever passes through a float.

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let found = formatters.get(key);
  if (!found) {
    found = make();
    if (formatters.size > 50) formatters.clear();
    formatters.set(key, found);
  }
  return found;
}

/** Integer minor units in the currency's own style for the locale: 123456, EUR, en-GB → "€1,234.56". */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const format = formatter(`money|${locale ?? ''}|${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency }));
  return format.format(formatMinor(minor, currency) as Intl.StringNumericLiteral);
}

/** A decimal string with `digits` places from a non-negative integer, without floating point. */
function scaled(value: number, digits: number): Intl.StringNumericLiteral {
  const sign = value < 0 ? '-' : '';
  const text = String(Math.abs(value)).padStart(digits + 1, '0');
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}` as Intl.StringNumericLiteral;
}

/** Basis points as a percentage: 2000 → "20%", 550 → "5.5%". */
export function formatRateBp(basisPoints: number, locale?: string): string {
  const format = formatter(`rate|${locale ?? ''}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }));
  return format.format(scaled(basisPoints, 4));
}

/** Grams as kilograms to the gram: 452 → "0.452 kg". */
export function formatGrams(grams: number, locale?: string): string {
  const format = formatter(
    `kg|${locale ?? ''}`,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilogram', minimumFractionDigits: 3 }),
  );
  return format.format(scaled(grams, 3));
}
