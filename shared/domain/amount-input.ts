import { minorDigits } from './money';

/**
 * The one parser for every amount a person types (cash given, card amount, float, counted cash, paid
 * in/out, discounts, settings). An amount is digits with at most one decimal separator — the store's —
 * and is taken exactly as typed or refused with a reason: "1e3", "12abc" or "-5" are never read as
 * 13, 12 or 5.
 */

/** The largest amount a till takes in one tender, float or movement: 1,000,000.00 in a two-digit currency. */
export const MAX_TENDER_MINOR = 100_000_000;
/** The largest drawer count a Z report takes. */
export const MAX_COUNTED_MINOR = 1_000_000_000;

export type AmountProblem =
  | { kind: 'empty' }
  | { kind: 'negative' }
  | { kind: 'not_an_amount' }
  | { kind: 'wrong_separator' }
  | { kind: 'too_many_decimals'; digits: number }
  | { kind: 'zero' }
  | { kind: 'too_large'; maxMinor: number };

export type AmountParse = { ok: true; minor: number } | { ok: false; problem: AmountProblem };

export interface AmountRules {
  currency: string;
  /** The store's decimal separator; the other one is refused, never guessed at. */
  decimalSeparator: '.' | ',';
  /** Inclusive upper bound in minor units. */
  maxMinor: number;
  /** Whether 0 is a valid answer (a float or a count may be zero; a payment may not). */
  allowZero?: boolean;
  /** Digits after the separator when they are not the currency's (a percentage has 2: basis points). */
  fractionDigits?: number;
}

function digitsOf(rules: AmountRules): number {
  return rules.fractionDigits ?? minorDigits(rules.currency);
}

const DIGITS = /^\d+$/;

export function parseAmount(typed: string, rules: AmountRules): AmountParse {
  const text = typed.trim();
  const fail = (problem: AmountProblem): AmountParse => ({ ok: false, problem });
  if (text === '') return fail({ kind: 'empty' });
  if (/^[-−–]/.test(text)) return fail({ kind: 'negative' });
  const other = rules.decimalSeparator === '.' ? ',' : '.';
  const parts = text.split(rules.decimalSeparator);
  if (parts.length > 2) return fail({ kind: 'not_an_amount' });
  const [whole = '', fraction = ''] = parts;
  if (text.includes(other) && DIGITS.test(text.replace(other, '')) && !text.includes(rules.decimalSeparator))
    return fail({ kind: 'wrong_separator' });
  if (
    !DIGITS.test(whole || '0') ||
    (parts.length === 2 && fraction !== '' && !DIGITS.test(fraction)) ||
    (whole === '' && fraction === '')
  ) {
    return fail({ kind: 'not_an_amount' });
  }
  const digits = digitsOf(rules);
  if (fraction.length > digits) return fail({ kind: 'too_many_decimals', digits });
  // Compared as digit strings first, so no amount of typed digits can overflow a number.
  const wholeDigits = whole.replace(/^0+(?=\d)/, '') || '0';
  const maxWhole = String(Math.floor(rules.maxMinor / 10 ** digits));
  if (wholeDigits.length > maxWhole.length) return fail({ kind: 'too_large', maxMinor: rules.maxMinor });
  const minor = Number(wholeDigits) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (minor > rules.maxMinor) return fail({ kind: 'too_large', maxMinor: rules.maxMinor });
  if (minor === 0 && !rules.allowZero) return fail({ kind: 'zero' });
  return { ok: true, minor };
}

/**
 * What the person reads when an amount is refused, in words; `money` formats minor units the way the
 * screen shows them (so the limit reads "At most €1,000,000.00", never "too big").
 */
export function describeAmountProblem(problem: AmountProblem, rules: AmountRules, money: (minor: number) => string): string {
  const sep = rules.decimalSeparator;
  const digits = digitsOf(rules);
  const example = digits > 0 ? `12${sep}${'5'.padEnd(digits, '0')}` : '1250';
  switch (problem.kind) {
    case 'empty':
      return 'Type an amount.';
    case 'negative':
      return 'An amount cannot be negative.';
    case 'not_an_amount':
      return `Not an amount: type digits${digits > 0 ? ` and “${sep}” before the decimals` : ' only'}, for example ${example}.`;
    case 'wrong_separator':
      return `Use “${sep}” before the decimals, for example ${example}.`;
    case 'too_many_decimals':
      return problem.digits === 0 ? `Whole amounts only, for example ${example}.` : `At most ${problem.digits} digits after “${sep}”.`;
    case 'zero':
      return `More than ${money(0)}.`;
    case 'too_large':
      return `At most ${money(problem.maxMinor)}.`;
  }
}

/**
 * An amount written in a file (a catalog import), where either separator may be the file's: the same
 * parser, trying "." then ",". Zero allowed; null when it is not an amount.
 */
export function parseMinor(text: string, currency: string): number | null {
  for (const decimalSeparator of ['.', ','] as const) {
    const parsed = parseAmount(text, { currency, decimalSeparator, maxMinor: 999_999_999_999, allowZero: true });
    if (parsed.ok) return parsed.minor;
  }
  return null;
}
