import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMinor } from '../../../shared/domain/amount-input';
import { formatMinor, minorDigits, moneySchema } from '../../../shared/domain/money';

describe('money', () => {
  it('knows minor digits per currency', () => {
    expect([minorDigits('EUR'), minorDigits('JPY'), minorDigits('KWD')]).toEqual([2, 0, 3]);
  });

  it.each([
    [12345, 'EUR', '123.45'],
    [5, 'EUR', '0.05'],
    [-1999, 'USD', '-19.99'],
    [500, 'JPY', '500'],
    [1234, 'KWD', '1.234'],
    [0, 'EUR', '0.00'],
  ])('formats %i %s as %s', (minor, currency, text) => {
    expect(formatMinor(minor, currency)).toBe(text);
  });

  it.each([
    ['123.45', 'EUR', 12345],
    ['123,4', 'EUR', 12340],
    ['100', 'EUR', 10000],
    ['0.1', 'EUR', 10],
    ['500', 'JPY', 500],
    ['1.5', 'JPY', null],
    ['1.234', 'EUR', null],
    ['-5', 'EUR', null],
    ['1e3', 'EUR', null],
    ['', 'EUR', null],
  ])('parses "%s" %s as %s', (text, currency, minor) => {
    expect(parseMinor(text, currency)).toBe(minor);
  });

  it('round-trips every amount exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 11 }), fc.constantFrom('EUR', 'JPY', 'KWD', 'GBP'), (minor, currency) => {
        expect(parseMinor(formatMinor(minor, currency), currency)).toBe(minor);
      }),
    );
  });

  it('refuses floats in money values', () => {
    expect(moneySchema.safeParse({ minor: 12.5, currency: 'EUR' }).success).toBe(false);
    expect(moneySchema.safeParse({ minor: 1250, currency: 'eur' }).success).toBe(false);
    expect(moneySchema.safeParse({ minor: 1250, currency: 'EUR' }).success).toBe(true);
  });
});
