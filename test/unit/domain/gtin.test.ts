import { describe, expect, it } from 'vitest';
import { barcodeSchema } from '../../../shared/domain/catalog';
import { gtinCheckDigit, isGtinShaped, isValidGtin, normalizeBarcode } from '../../../shared/domain/gtin';

// Published examples: GS1's check digit walk-through (590123412345 → 7) and GTIN-14 example
// (10012345678902), the EAN-13 (4006381333931), UPC-A (036000291452, 012345678905) and EAN-8
// (96385074, 73513537) examples of the Wikipedia articles on those symbologies.
const VALID = [
  ['EAN-13', '5901234123457'],
  ['EAN-13', '4006381333931'],
  ['UPC-A', '036000291452'],
  ['UPC-A', '012345678905'],
  ['EAN-8', '96385074'],
  ['EAN-8', '73513537'],
  ['GTIN-14', '10012345678902'],
] as const;

describe('GTIN check digits', () => {
  it.each(VALID)('accepts the published %s %s', (_kind, code) => {
    expect(isValidGtin(code)).toBe(true);
    expect(gtinCheckDigit(code.slice(0, -1))).toBe(Number(code.at(-1)));
    expect(barcodeSchema.safeParse(code).success).toBe(true);
  });

  it.each([
    ['a wrong check digit', '5901234123458'],
    ['a wrong UPC-A check digit', '036000291453'],
    ['a wrong EAN-8 check digit', '96385070'],
    ['two swapped digits', '4006381339331'],
    ['one mistyped digit', '4006382333931'],
    ['a GTIN-14 off by one', '10012345678903'],
  ])('refuses %s (%s)', (_why, code) => {
    expect(isGtinShaped(code)).toBe(true);
    expect(isValidGtin(code)).toBe(false);
    expect(barcodeSchema.safeParse(code).success).toBe(false);
  });

  it('catches every single mistyped digit of an EAN-13', () => {
    const good = '4006381333931';
    for (let i = 0; i < good.length; i++) {
      for (let d = 0; d <= 9; d++) {
        const typo = `${good.slice(0, i)}${d}${good.slice(i + 1)}`;
        expect(isValidGtin(typo)).toBe(typo === good);
      }
    }
  });

  it('only digit strings of GTIN lengths are GTINs; other codes are internal', () => {
    expect(isGtinShaped('1234567')).toBe(false);
    expect(isGtinShaped('4011')).toBe(false);
    expect(isGtinShaped('ABC-12345678')).toBe(false);
    expect(barcodeSchema.safeParse('4011').success).toBe(true);
    expect(barcodeSchema.safeParse('BAK0001').success).toBe(true);
    expect(barcodeSchema.safeParse('no spaces').success).toBe(false);
  });

  it('normalizes every GTIN length to GTIN-14 so UPC-A and its EAN-13 form are one code', () => {
    expect(normalizeBarcode('036000291452')).toBe('00036000291452');
    expect(normalizeBarcode('0036000291452')).toBe('00036000291452');
    expect(normalizeBarcode('96385074')).toBe('00000096385074');
    expect(normalizeBarcode('bak0001')).toBe('BAK0001');
  });
});
