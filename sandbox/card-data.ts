/**
 * Recognises raw card data so the API can refuse it before anything is stored or logged:
 * a primary account number (14–19 digits, a known card-network prefix, passing Luhn, digits
 * contiguous or in groups of four), track 1/2 data, and fields named like a CVV or a PAN.
 * The prefix rule keeps barcodes (EAN-13, GTIN-14) and similar ids from being mistaken for cards.
 */

const CARD_FIELD = /^(?:cvv2?|cvc2?|cid|csc|cav2|security[_-]?code|card[_-]?(?:number|num|no)|pan|primary[_-]?account[_-]?number|track[_-]?[12]?(?:[_-]?data)?|magstripe|exp[_-]?date)$/i;
const PAN_CANDIDATE = /(?<![0-9A-Za-z])(?:\d{14,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?|\d{4}[ -]\d{6}[ -]\d{4,5})(?![0-9A-Za-z])/g;
const TRACK_DATA = /%B\d{12,19}\^|;\d{12,19}=\d{4}/;
const NETWORK_PREFIX = /^(?:4|5[1-5]|2[2-7]|3[47]|3[0689]|6(?:011|5|4[4-9]|2)|35)/;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

export function textHasCardNumber(text: string): boolean {
  if (TRACK_DATA.test(text)) return true;
  for (const match of text.matchAll(PAN_CANDIDATE)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 14 && digits.length <= 19 && NETWORK_PREFIX.test(digits) && luhnValid(digits)) return true;
  }
  return false;
}

/** Where card data was found: a path or header name, never the value. */
export function findCardData(value: unknown, at = '$', depth = 0): string | null {
  if (depth > 64) return at;
  if (typeof value === 'string') return textHasCardNumber(value) ? at : null;
  if (typeof value === 'number') return Number.isInteger(value) && textHasCardNumber(String(value)) ? at : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findCardData(value[i], `${at}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const here = `${at}.${key}`;
      if (CARD_FIELD.test(key) || textHasCardNumber(key)) return here;
      const found = findCardData(child, here, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/** Headers and query strings are flat text; header names like `x-card-number` count too. */
export function findCardDataInPairs(pairs: Iterable<[string, string | string[] | undefined]>, kind: string): string | null {
  for (const [name, raw] of pairs) {
    const bare = name.replace(/^x-/i, '');
    if (CARD_FIELD.test(bare)) return `${kind} ${name}`;
    for (const value of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
      if (textHasCardNumber(value) || textHasCardNumber(safeDecode(value))) return `${kind} ${name}`;
    }
  }
  return null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
