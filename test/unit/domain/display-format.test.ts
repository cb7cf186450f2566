import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGrams, formatMoney, formatRateBp } from '../../../shared/domain/display-format';
import { minorUnitsSchema } from '../../../shared/domain/money';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('display formatting', () => {
  it.each([
    [123456, 'EUR', 'en-GB', '€1,234.56'],
    [-5, 'EUR', 'en-GB', '-€0.05'],
    [123456, 'EUR', 'de-DE', '1.234,56 €'],
    [1234, 'JPY', 'en-US', '¥1,234'],
    [1234, 'KWD', 'en-US', 'KWD 1.234'],
    [999_999_999_999, 'USD', 'en-US', '$9,999,999,999.99'],
  ])('formats %i %s for %s as %s', (minor, currency, locale, expected) => {
    expect(plain(formatMoney(minor, currency, locale))).toBe(expected);
  });

  it('property: every digit of the minor units survives, none rounded away', () => {
    const bound = 1_000_000_000_000;
    fc.assert(
      fc.property(fc.integer({ min: -bound, max: bound }), (minor) => {
        minorUnitsSchema.parse(minor);
        const digits = formatMoney(minor, 'USD', 'en-US').replace(/\D/g, '');
        expect(digits).toBe(String(Math.abs(minor)).padStart(3, '0'));
      }),
    );
  });

  it.each([
    [2000, '20%'],
    [550, '5.5%'],
    [1250, '12.5%'],
    [5, '0.05%'],
    [0, '0%'],
  ])('formats %i basis points as %s', (bp, expected) => {
    expect(formatRateBp(bp, 'en-GB')).toBe(expected);
  });

  it('formats grams as kilograms to the gram', () => {
    expect([452, 1250, 100_000, 7].map((g) => plain(formatGrams(g, 'en-GB')))).toEqual(['0.452 kg', '1.250 kg', '100.000 kg', '0.007 kg']);
    expect(plain(formatGrams(1250, 'de-DE'))).toBe('1,250 kg');
  });
});
