import { describe, expect, it } from 'vitest';
import { roundToStep } from '../../../shared/domain/money-math';
import { refundShareOf, splitRefund } from '../../../shared/domain/refund-split';

const CARD = { paymentId: 'card-1', method: 'card' as const };
const CASH = { paymentId: 'cash-1', method: 'cash' as const };
const CASH2 = { paymentId: 'cash-2', method: 'cash' as const };

describe('the cash rounding rule', () => {
  it('rounds to the nearest step, half up, the same way for amounts taken and given back', () => {
    expect([127, 128, 129, 130, 132, 133].map((a) => roundToStep(a, 5))).toEqual([125, 130, 130, 130, 130, 135]);
    expect([-127, -128].map((a) => roundToStep(a, 5))).toEqual([-125, -130]);
    expect([roundToStep(129, 0), roundToStep(129, 1), roundToStep(149, 10)]).toEqual([129, 129, 150]);
  });
});

// Issue 15 item 17: cash refunds were paid to the minor unit while cash sales follow the store's rounding.
describe('splitting a refund over the tenders', () => {
  it('rounds the cash given back as a cash sale rounds what it takes, and says by how much', () => {
    expect(splitRefund(169, [{ ...CASH, roomMinor: 500 }], 5)).toEqual({
      tenders: [{ method: 'cash', amountMinor: 170, originalPaymentId: 'cash-1', roundingMinor: 1 }],
      leftMinor: 0,
    });
    expect(splitRefund(167, [{ ...CASH, roomMinor: 500 }], 5).tenders).toEqual([
      { method: 'cash', amountMinor: 165, originalPaymentId: 'cash-1', roundingMinor: -2 },
    ]);
    expect(splitRefund(169, [{ ...CASH, roomMinor: 500 }], 0).tenders).toEqual([
      { method: 'cash', amountMinor: 169, originalPaymentId: 'cash-1', roundingMinor: 0 },
    ]);
  });

  it('pays cards first to the minor unit and rounds only the cash part', () => {
    const { tenders } = splitRefund(
      1_000,
      [
        { ...CARD, roomMinor: 699 },
        { ...CASH, roomMinor: 1_000 },
      ],
      5,
    );
    expect(tenders).toEqual([
      { method: 'card', amountMinor: 699, originalPaymentId: 'card-1', roundingMinor: 0 },
      { method: 'cash', amountMinor: 300, originalPaymentId: 'cash-1', roundingMinor: -1 },
    ]);
    expect(tenders.reduce((sum, t) => sum + refundShareOf(t), 0)).toBe(1_000);
  });

  it('rounds the cash part as a whole, and never hands out less than nothing through a tender', () => {
    const { tenders } = splitRefund(
      3,
      [
        { ...CASH, roomMinor: 1 },
        { ...CASH2, roomMinor: 5 },
      ],
      10,
    );
    expect(tenders).toEqual([
      { method: 'cash', amountMinor: 0, originalPaymentId: 'cash-1', roundingMinor: -1 },
      { method: 'cash', amountMinor: 0, originalPaymentId: 'cash-2', roundingMinor: -2 },
    ]);
    expect(tenders.reduce((sum, t) => sum + refundShareOf(t), 0)).toBe(3);
  });

  it('says what no tender can take', () => {
    expect(
      splitRefund(
        1_200,
        [
          { ...CARD, roomMinor: 500 },
          { ...CASH, roomMinor: 600 },
        ],
        5,
      ).leftMinor,
    ).toBe(100);
  });
});
