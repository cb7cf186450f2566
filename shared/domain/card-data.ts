import { isValidGtin } from './gtin';

/**
 * Recognises raw card data, for the terminal (every free-text field, shared/domain/free-text.ts) and
 * the API (the sandbox refuses any request holding it) alike, so both refuse exactly the same text:
 * a primary account number (14–19 digits, a known card-network prefix, passing Luhn) however it is
 * written, track 1/2 data, and fields named like a CVV or a PAN.
 *
 * "However it is written": the text is first normalised (full-width and other compatibility digits
 * become ASCII), then digits split by short runs of separators (spaces, tabs, dots, slashes, dashes,
 * underscores, commas) are joined group by group, and a letter or short word glued to the digits
 * counts as a boundary. Barcodes stay clear: the prefix rule and Luhn pass EAN-13 (13 digits) and a
 * valid GTIN-14 written as one run is a barcode, not a card (only Diners' legacy 14-digit cards look
 * like one). Digits inside a long random-looking token (API keys, hashes, UUIDs) are not card numbers.
 */

export const CARD_FIELD =
  /^(?:cvv2?|cvc2?|cid|csc|cav2|security[_-]?code|card[_-]?(?:number|num|no)|pan|primary[_-]?account[_-]?number|track[_-]?[12]?(?:[_-]?data)?|magstripe|exp[_-]?date)$/i;
const TRACK_DATA = /%B\d{12,19}\^|;\d{12,19}=\d{4}/;
const NETWORK_PREFIX = /^(?:4|5[1-5]|2[2-7]|3[47]|3[0689]|6(?:011|5|4[4-9]|2)|35)/;
/** Digit groups joined by at most three separator characters. */
const DIGIT_RUN = /\d+(?:[\s./\\_,-]{1,3}\d+)*/g;
const SEPARATORS = /[\s./\\_,-]{1,3}/;
/** A token with this many letters around its digits is an id or key, not a number with a typo. */
const MAX_GLUED_LETTERS = 6;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function isPan(digits: string, oneRun: boolean): boolean {
  if (digits.length < 14 || digits.length > 19 || !NETWORK_PREFIX.test(digits) || !luhnValid(digits)) return false;
  return !(oneRun && digits.length === 14 && isValidGtin(digits));
}

/** UUIDs and long hex tokens (hashes, signatures, fingerprints): their digits are never a card number. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const HEX_TOKEN = /(?<![0-9A-Za-z])(?=(?:[0-9]*[a-f]){3})[0-9a-f]{24,}(?![0-9A-Za-z])/gi;

/**
 * Compatibility forms (full-width, superscript, circled digits…) become plain ASCII first; ids whose
 * shape is not a number's are set aside.
 */
export function normaliseForCardCheck(text: string): string {
  return text.normalize('NFKC').replace(UUID, ' ').replace(HEX_TOKEN, ' ');
}

/** Letters glued to a digit run: a short word or a typo is a boundary, a long token is an id. */
function gluedToLongToken(text: string, start: number, end: number): boolean {
  // Stops as soon as the answer is known, so a long hostile text costs linear time.
  let letters = 0;
  for (let i = start - 1; i >= 0 && letters <= MAX_GLUED_LETTERS && /[A-Za-z0-9]/.test(text[i] as string); i--)
    if (/[A-Za-z]/.test(text[i] as string)) letters++;
  for (let i = end; i < text.length && letters <= MAX_GLUED_LETTERS && /[A-Za-z0-9]/.test(text[i] as string); i++)
    if (/[A-Za-z]/.test(text[i] as string)) letters++;
  return letters > MAX_GLUED_LETTERS;
}

function runHasPan(run: string): boolean {
  const groups = run.split(SEPARATORS);
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length && digits.length < 19; last++) {
      digits += groups[last];
      if (isPan(digits, first === last)) return true;
    }
  }
  return false;
}

/**
 * Fewer than 14 digits, counting each non-ASCII character as the two digits NFKC can make of it at
 * most (full-width '４', circled '⑳'): no card number can be there, and most text stops here.
 */
function tooFewDigits(text: string): boolean {
  let candidates = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) candidates++;
    else if (c > 127) candidates += 2;
    if (candidates >= 14) return false;
  }
  return true;
}

export function textHasCardNumber(text: string): boolean {
  if (tooFewDigits(text)) return false;
  const normalised = normaliseForCardCheck(text);
  if (TRACK_DATA.test(normalised)) return true;
  for (const match of normalised.matchAll(DIGIT_RUN)) {
    if (match[0].replace(/\D/g, '').length < 14) continue;
    if (gluedToLongToken(normalised, match.index, match.index + match[0].length)) continue;
    if (runHasPan(match[0])) return true;
  }
  return false;
}

/** Where card data was found: a path or field name, never the value. */
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

export const CARD_MASK = '[card number removed]';
/** A run of digits (ASCII or full-width) and separators, as found in the text before normalising. */
const RAW_DIGIT_RUN = /[0-9０-９]+(?:[\s./\\_,-]{1,3}[0-9０-９]+)*/g;
const RAW_TRACK = /%B[0-9]{12,19}\^[^?]*\??|;[0-9]{12,19}=[0-9]*\??/g;

/**
 * The text with every card number (and track data) replaced by CARD_MASK, everything else kept; a
 * text whose card number cannot be cut out on its own is replaced whole.
 */
export function maskCardNumbers(text: string): string {
  if (!textHasCardNumber(text)) return text;
  const masked = text
    .replace(RAW_TRACK, CARD_MASK)
    .replace(RAW_DIGIT_RUN, (run) => (runHasPan(normaliseForCardCheck(run)) ? CARD_MASK : run));
  return textHasCardNumber(masked) ? CARD_MASK : masked;
}
