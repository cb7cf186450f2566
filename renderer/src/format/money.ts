import { formatMinor } from '../../../shared/domain/money';

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    formatters.set(currency, formatter);
  }
  return formatter;
}

/**
 * Integer minor units to the store currency as people read it ("€12.34", "1 234,50 €"). The decimal
 * string is built from the integer and handed to Intl as a string, so no float ever holds money.
 */
export function formatMoney(minor: number, currency: string): string {
  return formatterFor(currency).format(formatMinor(minor, currency) as `${number}`);
}

/** A weight in grams as people read it: "350 g", "1.25 kg". */
export function formatGrams(grams: number): string {
  if (grams < 1000) return `${grams} g`;
  const kg = `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`.replace(/\.?0+$/, '');
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 }).format(kg as `${number}`)} kg`;
}

/** Basis points as a percentage: 2000 → "20 %", 550 → "5.5 %". */
export function formatRate(basisPoints: number): string {
  const text = `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}`.replace(/\.?0+$/, '');
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(text as `${number}`)} %`;
}
