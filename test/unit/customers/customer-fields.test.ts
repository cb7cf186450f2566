import { describe, expect, it } from 'vitest';
import { textPdf } from '../../../electron/main/customers/text-pdf';
import {
  customerEmailSchema,
  customerInputSchema,
  customerNameSchema,
  customerPhoneSchema,
  maskEmail,
  maskPhone,
} from '../../../shared/domain/customer';
import { textHasCardNumber } from '../../../shared/domain/card-data';

describe('customer fields', () => {
  it.each(['4111111111111111', '4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005', 'card 4012.8888.8888.1881 thanks'])(
    'the shared detector finds the card number in %s',
    (text) => {
      expect(textHasCardNumber(text)).toBe(true);
    },
  );

  it.each(['4111111111111112', '+44 20 7946 0958', '4006381333931', '01937b2e-0000-7000-8000-000000000000', 'Ada'])(
    'the shared detector finds none in %s',
    (text) => {
      expect(textHasCardNumber(text)).toBe(false);
    },
  );

  it('keeps names people have and refuses what no name is', () => {
    for (const name of ["Seán O'Brien", 'Zoë Ødegaard-Smith', 'José María', '李小龙', 'Dr. A. Lovelace'])
      expect(customerNameSchema.safeParse(name).success, name).toBe(true);
    for (const name of ['', ' ', 'R2D2', '<b>x</b>', "x'); DROP TABLE customers;--", 'a\u0000b', 'A'.repeat(81)])
      expect(customerNameSchema.safeParse(name).success, name).toBe(false);
  });

  it('stores e-mail lower-cased and phones as + and digits', () => {
    expect(customerEmailSchema.parse(' Ada@Example.COM ')).toBe('ada@example.com');
    expect(customerPhoneSchema.parse('+44 (20) 7946-0958')).toBe('+442079460958');
    expect(customerPhoneSchema.safeParse('12345').success).toBe(false);
    expect(customerInputSchema.safeParse({ name: 'Ada', email: null, phone: null }).success).toBe(false);
  });

  it('masks contact details for cashiers', () => {
    expect(maskEmail('ada.lovelace@example.com')).toBe('a•••@e•••.com');
    expect(maskPhone('+442079460958')).toBe('•••• 958');
  });
});

describe('text PDF', () => {
  it('writes a well-formed PDF with one page per 54 lines and escapes what PDF strings need', () => {
    const pdf = textPdf(['# Title (with brackets) \\ and a backslash', ...Array.from({ length: 60 }, (_, i) => `line ${i} é`)]).toString(
      'latin1',
    );
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect(pdf).toContain('(Title \\(with brackets\\) \\\\ and a backslash)');
    expect(pdf).toContain('(line 0 \\351)');
    const xref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');
  });
});
