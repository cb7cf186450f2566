import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCardData, luhnValid, textHasCardNumber } from '../../../shared/domain/card-data';
import { gtinCheckDigit } from '../../../shared/domain/gtin';
import { uuidv7 } from '../../../shared/domain/ids';
import { freeText } from '../../../shared/domain/free-text';
import { ODDLY_WRITTEN_CARDS } from '../../support/card-forms';

const PREFIXES = ['4', '51', '55', '2221', '2720', '34', '37', '6011', '65', '36', '3528'];

function luhnDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return String(d);
  throw new Error('unreachable');
}

/** A Luhn-valid number of 15 to 19 digits with a real network prefix. */
const pan = fc
  .record({
    prefix: fc.constantFrom(...PREFIXES),
    length: fc.integer({ min: 15, max: 19 }),
    digits: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 19, maxLength: 19 }),
  })
  .map(({ prefix, length, digits }) => {
    const body = (prefix + digits.join('')).slice(0, length - 1);
    return body + luhnDigit(body);
  });

const SEPARATORS = [' ', '  ', '\t', '.', '/', '-', '_', ' / ', ' - ', '\u00a0'];
const toFullWidth = (text: string) => text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** How a careless or hostile user writes it: grouped by any separator, a letter glued on, full-width. */
const writtenOddly = fc
  .record({
    pan,
    groupSize: fc.integer({ min: 1, max: 8 }),
    separator: fc.constantFrom(...SEPARATORS),
    glued: fc.constantFrom('', 'x', 'A', 'No', 'PAN'),
    gluedAfter: fc.boolean(),
    fullWidth: fc.boolean(),
    before: fc.constantFrom('', 'paid with ', 'Ann ', 'note: '),
    after: fc.constantFrom('', ' thanks', ' exp 12/28', '.'),
  })
  .map((w) => {
    const groups = w.pan.match(new RegExp(`.{1,${w.groupSize}}`, 'g')) ?? [];
    let number = groups.join(w.separator);
    number = w.gluedAfter ? number + w.glued : w.glued + number;
    if (w.fullWidth) number = toFullWidth(number);
    return { pan: w.pan, text: `${w.before}${number}${w.after}` };
  });

const gtin = fc.oneof(fc.constant(12), fc.constant(13)).chain((bodyLength) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: bodyLength, maxLength: bodyLength }).map((digits) => {
    const body = digits.join('');
    return body + String(gtinCheckDigit(body));
  }),
);

describe('card numbers written with dots, slashes, tabs, double spaces, a glued letter or full-width digits are detected', () => {
  it('finds every Luhn-valid card number however it is written, in text and in any field of a request', () => {
    fc.assert(
      fc.property(writtenOddly, ({ text }) => {
        expect(textHasCardNumber(text)).toBe(true);
        expect(findCardData({ sale: { note: text } })).toBe('$.sale.note');
        expect(freeText({ max: 200 }).safeParse(text).success).toBe(false);
      }),
      { numRuns: 3_000 },
    );
  });

  it("the review's 30 forms are all found", () => {
    const forms = ODDLY_WRITTEN_CARDS;
    expect(forms).toHaveLength(30);
    expect(forms.filter((form) => !textHasCardNumber(form))).toEqual([]);
  });

  it('passes barcodes, ids, keys, dates and amounts', () => {
    fc.assert(
      fc.property(gtin, (code) => {
        expect(textHasCardNumber(code)).toBe(false);
        expect(textHasCardNumber(code.padStart(14, '0'))).toBe(false);
      }),
      { numRuns: 2_000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (offset) => {
        expect(textHasCardNumber(uuidv7(Date.parse('2026-01-01') + offset * 1000))).toBe(false);
      }),
      { numRuns: 2_000 },
    );
    for (const text of [
      'sk_test_4242424242424242abcdefghijklmnop',
      '2026-12-04T08:15:00.000Z',
      'TILL-1-000042',
      '1767225600000',
      'EUR 1.234.567,89',
      '+44 20 7946 0958',
    ]) {
      expect(textHasCardNumber(text)).toBe(false);
    }
  });
});
