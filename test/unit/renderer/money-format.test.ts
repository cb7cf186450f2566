import { describe, expect, it } from 'vitest';
import { formatGrams, formatMoney, formatRate } from '../../../renderer/src/format/money';

describe('amounts on screen', () => {
  it('formats integer minor units exactly, in the currency given', () => {
    const eur = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' });
    expect(formatMoney(1234, 'EUR')).toBe(eur.format('12.34'));
    expect(formatMoney(-5, 'EUR')).toBe(eur.format('-0.05'));
    expect(formatMoney(1500, 'JPY')).toBe(new Intl.NumberFormat(undefined, { style: 'currency', currency: 'JPY' }).format('1500'));
    expect(formatMoney(1234, 'KWD')).toContain('1.234');
  });

  it('keeps amounts beyond float precision whole to the last digit', () => {
    // 2^53 + 1 minor units cannot be a double; built as a string, every digit survives.
    expect(formatMoney(900_719_925_474_099, 'EUR').replace(/[^0-9]/g, '')).toBe('900719925474099');
  });

  it('shows weights and tax rates without floats', () => {
    expect(formatGrams(350)).toBe('350 g');
    expect(formatGrams(1250)).toMatch(/^1[.,]25 kg$/);
    expect(formatGrams(2000)).toBe('2 kg');
    expect(formatRate(2000)).toBe('20 %');
    expect(formatRate(550)).toMatch(/^5[.,]5 %$/);
  });
});
