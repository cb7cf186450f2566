import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeAmountProblem, MAX_TENDER_MINOR, parseAmount, type AmountRules } from '../../../shared/domain/amount-input';
import { formatMinor } from '../../../shared/domain/money';
import { formatMoney } from '../../../shared/domain/display-format';

const EUR_DOT: AmountRules = { currency: 'EUR', decimalSeparator: '.', maxMinor: MAX_TENDER_MINOR };
const money = (minor: number) => formatMoney(minor, 'EUR', 'en-IE');

describe('an amount as typed (issue 15, item 6)', () => {
  it.each([
    ['12.50', 1_250],
    ['12.5', 1_250],
    ['12', 1_200],
    ['.5', 50],
    ['12.', 1_200],
    [' 7.05 ', 705],
    ['0012.00', 1_200],
    ['1000000.00', MAX_TENDER_MINOR],
  ])('takes "%s" exactly as %s', (text, minor) => {
    expect(parseAmount(text, EUR_DOT)).toEqual({ ok: true, minor });
  });

  it.each([
    ['1e3', 'not_an_amount'],
    ['12abc', 'not_an_amount'],
    ['-5', 'negative'],
    ['−5', 'negative'],
    ['12,50', 'wrong_separator'],
    ['1,000.00', 'not_an_amount'],
    ['1.2.3', 'not_an_amount'],
    ['12 50', 'not_an_amount'],
    ['+5', 'not_an_amount'],
    ['0x10', 'not_an_amount'],
    ['١٢', 'not_an_amount'],
    ['.', 'not_an_amount'],
    ['1.234', 'too_many_decimals'],
    ['1000000.01', 'too_large'],
    ['99999999999999999999999', 'too_large'],
    ['0', 'zero'],
    ['0.00', 'zero'],
    ['', 'empty'],
  ])('refuses "%s" (%s) and never reads it as another number', (text, kind) => {
    const parsed = parseAmount(text, EUR_DOT);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.kind).toBe(kind);
  });

  it('takes the store separator only: "," in a comma store, "." refused there', () => {
    const comma: AmountRules = { ...EUR_DOT, decimalSeparator: ',' };
    expect(parseAmount('12,50', comma)).toEqual({ ok: true, minor: 1_250 });
    expect(parseAmount('12.50', comma)).toMatchObject({ ok: false, problem: { kind: 'wrong_separator' } });
  });

  it('allows zero where a count may be zero, and whole amounts only in a currency without cents', () => {
    expect(parseAmount('0', { ...EUR_DOT, allowZero: true })).toEqual({ ok: true, minor: 0 });
    expect(parseAmount('500', { currency: 'JPY', decimalSeparator: '.', maxMinor: 10_000 })).toEqual({ ok: true, minor: 500 });
    expect(parseAmount('5.5', { currency: 'JPY', decimalSeparator: '.', maxMinor: 10_000 })).toMatchObject({
      ok: false,
      problem: { kind: 'too_many_decimals', digits: 0 },
    });
  });

  it('says why in words, with the limit as money', () => {
    const say = (text: string) => {
      const parsed = parseAmount(text, EUR_DOT);
      return parsed.ok ? null : describeAmountProblem(parsed.problem, EUR_DOT, money);
    };
    expect(say('1000000.01')).toBe('At most €1,000,000.00.');
    expect(say('-5')).toBe('An amount cannot be negative.');
    expect(say('12,50')).toBe('Use “.” before the decimals, for example 12.50.');
    expect(say('1e3')).toBe('Not an amount: type digits and “.” before the decimals, for example 12.50.');
    expect(say('1.234')).toBe('At most 2 digits after “.”.');
    expect(say('0')).toBe('More than €0.00.');
  });

  it('accepts exactly what it formats, and nothing with any other character in it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_TENDER_MINOR }), (minor) => {
        expect(parseAmount(formatMinor(minor, 'EUR'), EUR_DOT)).toEqual({ ok: true, minor });
      }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), (text) => {
        const parsed = parseAmount(text, EUR_DOT);
        if (parsed.ok) expect(text.trim()).toMatch(/^\d*\.?\d*$/);
      }),
    );
  });
});
