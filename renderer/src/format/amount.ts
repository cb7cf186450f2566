import { formatMinor } from '../../../shared/domain/money';
import { describeAmountProblem, parseAmount, type AmountRules } from '../../../shared/domain/amount-input';
import { formatMoney, formatRate } from './money';

let separator: '.' | ',' | undefined;

/** The decimal separator of the locale the screens show money in: the one a cashier types. */
export function decimalSeparator(): '.' | ',' {
  separator ??= new Intl.NumberFormat(undefined).formatToParts(1.5).find((p) => p.type === 'decimal')?.value === ',' ? ',' : '.';
  return separator;
}

export interface AmountLimits {
  maxMinor: number;
  allowZero?: boolean;
  fractionDigits?: number;
}

export interface ReadAmount {
  /** The amount exactly as typed, or null when the text is empty or refused. */
  minor: number | null;
  /** Why it was refused, in words; undefined while the field is empty (the form says what it needs). */
  error: string | undefined;
}

export function amountRules(currency: string, limits: AmountLimits): AmountRules {
  return { currency, decimalSeparator: decimalSeparator(), ...limits };
}

/** Every amount field reads its text through this: the shared parser, and its refusal in words. */
export function readAmount(
  text: string,
  currency: string,
  limits: AmountLimits,
  show: (minor: number) => string = (minor) => formatMoney(minor, currency),
): ReadAmount {
  const rules = amountRules(currency, limits);
  const parsed = parseAmount(text, rules);
  if (parsed.ok) return { minor: parsed.minor, error: undefined };
  if (parsed.problem.kind === 'empty') return { minor: null, error: undefined };
  return { minor: null, error: describeAmountProblem(parsed.problem, rules, show) };
}

/** Minor units as a cashier would type them (no symbol or grouping; the store's separator): the field's starting text. */
export function amountText(minor: number, currency: string): string {
  return formatMinor(minor, currency).replace('.', decimalSeparator());
}

/** A percentage typed by a person, in basis points ("12.5" → 1250), up to 100 %. */
export function readPercent(text: string): ReadAmount {
  return readAmount(text, 'XXX', { maxMinor: 10_000, fractionDigits: 2 }, formatRate);
}
