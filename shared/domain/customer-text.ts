import { z } from 'zod';

// Until the shared free-text schema (issue 16) lands, customer fields use this local equivalent:
// 13–19 digits that start as card numbers do (2–6), contiguous or grouped by spaces, dashes or dots,
// and pass Luhn, are refused. Reconcile with the shared schema when it is on main.
const CARD_CANDIDATE = /(?<!\d)[2-6](?:[ .-]?\d){12,18}(?!\d)/g;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

export function containsCardNumber(text: string): boolean {
  for (const match of text.matchAll(CARD_CANDIDATE)) if (passesLuhn(match[0].replace(/[ .-]/g, ''))) return true;
  return false;
}

export const CARD_NUMBER_REFUSED = 'looks like a card number: card numbers are never typed into the terminal';

/** Text that may be stored: trimmed, bounded, no control characters, never a card number. */
export function safeTextSchema(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((text) => !/[\u0000-\u001f\u007f]/.test(text), 'control characters are not allowed')
    .refine((text) => !containsCardNumber(text), CARD_NUMBER_REFUSED);
}
