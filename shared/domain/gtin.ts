/**
 * GTIN-8/12/13/14 (EAN-8, UPC-A, EAN-13, ITF-14): the last digit is a mod-10 check over the others,
 * weighted 3 and 1 alternately from the right. Anything else made only of digits of these lengths is
 * a mistyped or misread code, not an internal one.
 */
export const GTIN_LENGTHS = [8, 12, 13, 14] as const;

export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function isGtinShaped(code: string): boolean {
  return /^\d+$/.test(code) && (GTIN_LENGTHS as readonly number[]).includes(code.length);
}

export function isValidGtin(code: string): boolean {
  if (!isGtinShaped(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** All GTIN lengths compared as GTIN-14, so an UPC-A and its EAN-13 form (leading 0) are one product. */
export function normalizeBarcode(code: string): string {
  return isGtinShaped(code) ? code.padStart(14, '0') : code.toUpperCase();
}
