import { refundViewSchema, voidViewSchema, type RefundView, type VoidView } from '../../shared/domain/refund';
import { saleViewSchema, type SaleLine, type SaleView } from '../../shared/domain/sale';
import { shiftReportSchema, type ShiftReport } from '../../shared/domain/shift';
import type { StoredReceipt } from '../../electron/main/ledger/receipt-source';

// Register records as the sales area stores them, checked against the shared schemas so the
// fixtures cannot drift from the contract. Figures add up (EUR, tax included).

export const SALE_ID = '01936b2a-7c4e-7a10-8f00-000000000001';
export const CASHIER = 'st_cashier00001';
export const MANAGER = 'st_manager00001';
export const CARD_TOKEN_REF = 'tokfp_0123456789abcdef01234567';

const line = (
  over: Partial<SaleLine> & Pick<SaleLine, 'lineId' | 'name' | 'quantity' | 'unitPriceMinor' | 'grossMinor' | 'netMinor'>,
): SaleLine => ({
  productId:
    over.name
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 8) || 'SKU1',
  soldBy: 'unit',
  taxCategoryId: 'food',
  taxRateBp: 700,
  discount: null,
  lineDiscountMinor: 0,
  saleDiscountShareMinor: 0,
  taxMinor: 0,
  ...over,
});

/** Weighed apples, three milks with a 10 % line discount, bread; 5 % off the sale; paid by card and cash with change. */
export function completedSale(over: Partial<SaleView> = {}): SaleView {
  return saleViewSchema.parse({
    saleId: SALE_ID,
    status: 'completed',
    openedBy: CASHIER,
    openedAt: '2026-11-29T09:58:00.000Z',
    lines: [
      line({
        lineId: 'ln_apples0001',
        name: 'Apples Braeburn',
        soldBy: 'weight',
        quantity: 452,
        unitPriceMinor: 299,
        grossMinor: 135,
        saleDiscountShareMinor: 6,
        netMinor: 129,
        taxMinor: 8,
      }),
      line({
        lineId: 'ln_milk000001',
        name: 'Whole milk 1 l',
        quantity: 3,
        unitPriceMinor: 120,
        grossMinor: 360,
        taxRateBp: 1900,
        taxCategoryId: 'standard',
        discount: { kind: 'percent', basisPoints: 1000, reason: 'Damaged pack' },
        lineDiscountMinor: 36,
        saleDiscountShareMinor: 17,
        netMinor: 307,
        taxMinor: 49,
      }),
      line({
        lineId: 'ln_bread00001',
        name: 'Sourdough bread',
        quantity: 1,
        unitPriceMinor: 250,
        grossMinor: 250,
        saleDiscountShareMinor: 12,
        netMinor: 238,
        taxMinor: 16,
      }),
    ],
    saleDiscount: { kind: 'percent', basisPoints: 500, reason: 'Loyalty card' },
    totals: {
      currency: 'EUR',
      taxMode: 'inclusive',
      subtotalMinor: 745,
      discountMinor: 71,
      taxMinor: 73,
      totalMinor: 674,
      taxBreakdown: [
        { rateBp: 700, netMinor: 343, taxMinor: 24, grossMinor: 367 },
        { rateBp: 1900, netMinor: 258, taxMinor: 49, grossMinor: 307 },
      ],
    },
    payments: [
      {
        paymentId: '01936b2a-7c4e-7a10-8f00-0000000000d1',
        method: 'card',
        amountMinor: 400,
        status: 'declined',
        cash: null,
        card: { paymentTokenRef: 'tokfp_fedcba9876543210fedcba98', brand: 'Mastercard', last4: '5454', entryMode: 'chip' },
        takenAt: '2026-11-29T10:00:30.000Z',
      },
      {
        paymentId: '01936b2a-7c4e-7a10-8f00-0000000000c1',
        method: 'card',
        amountMinor: 400,
        status: 'captured',
        cash: null,
        card: { paymentTokenRef: CARD_TOKEN_REF, brand: 'Visa', last4: '4242', entryMode: 'contactless' },
        takenAt: '2026-11-29T10:00:40.000Z',
      },
      {
        paymentId: '01936b2a-7c4e-7a10-8f00-0000000000a1',
        method: 'cash',
        amountMinor: 274,
        status: 'captured',
        cash: { givenMinor: 500, changeMinor: 226, roundingMinor: 0 },
        card: null,
        takenAt: '2026-11-29T10:01:00.000Z',
      },
    ],
    paidMinor: 674,
    remainingMinor: 0,
    cashDueMinor: 0,
    receipt: { sequence: 42, receiptNumber: 'TILL-1-000042', completedAt: '2026-11-29T10:01:02.000Z' },
    ...over,
  });
}

export function saleReceipt(sale = completedSale(), over: Partial<StoredReceipt> = {}): StoredReceipt {
  return {
    record: { kind: 'sale', sale },
    receiptNumber: sale.receipt!.receiptNumber,
    staffName: 'Alice Cashier',
    printedAt: null,
    savedAt: null,
    ...over,
  };
}

/** Half the apples and one milk back, to the card and in cash, approved by a manager. */
export function refund(): RefundView {
  return refundViewSchema.parse({
    refundId: '01936b2a-7c4e-7a10-8f00-0000000000e1',
    originalSaleId: SALE_ID,
    originalReceiptNumber: 'TILL-1-000042',
    staffId: CASHIER,
    approverId: MANAGER,
    reason: 'Customer changed mind',
    currency: 'EUR',
    lines: [
      { lineId: 'ln_apples0001', name: 'Apples Braeburn', quantity: 226, amountMinor: 65, taxMinor: 4 },
      { lineId: 'ln_milk000001', name: 'Whole milk 1 l', quantity: 1, amountMinor: 102, taxMinor: 16 },
    ],
    totalMinor: 167,
    taxMinor: 20,
    taxBreakdown: [
      { rateBp: 700, netMinor: 61, taxMinor: 4, grossMinor: 65 },
      { rateBp: 1900, netMinor: 86, taxMinor: 16, grossMinor: 102 },
    ],
    tenders: [
      { method: 'card', amountMinor: 100, originalPaymentId: '01936b2a-7c4e-7a10-8f00-0000000000c1' },
      { method: 'cash', amountMinor: 67, originalPaymentId: '01936b2a-7c4e-7a10-8f00-0000000000a1' },
    ],
    receipt: { sequence: 43, receiptNumber: 'TILL-1-000043', completedAt: '2026-11-29T11:15:00.000Z' },
  });
}

export function refundReceipt(): StoredReceipt {
  return {
    record: { kind: 'refund', refund: refund(), original: completedSale() },
    receiptNumber: 'TILL-1-000043',
    staffName: 'Alice Cashier',
    printedAt: null,
    savedAt: null,
  };
}

export function voided(): VoidView {
  return voidViewSchema.parse({
    voidId: '01936b2a-7c4e-7a10-8f00-0000000000f1',
    saleId: SALE_ID,
    originalReceiptNumber: 'TILL-1-000042',
    staffId: MANAGER,
    approverId: null,
    reason: 'Rang up the wrong basket',
    currency: 'EUR',
    totalMinor: 674,
    receipt: { sequence: 44, receiptNumber: 'TILL-1-000044', completedAt: '2026-11-29T10:05:00.000Z' },
  });
}

export function voidReceipt(): StoredReceipt {
  return {
    record: { kind: 'void', void: voided(), original: completedSale({ status: 'voided' }) },
    receiptNumber: 'TILL-1-000044',
    staffName: 'Bob Manager',
    printedAt: null,
    savedAt: null,
  };
}

export const SHIFT_ID = '01936b2a-7c4e-7a10-8f00-00000000aaaa';

export function shiftReport(kind: 'X' | 'Z'): ShiftReport {
  const closed = kind === 'Z';
  return shiftReportSchema.parse({
    kind,
    shiftId: SHIFT_ID,
    generatedAt: closed ? '2026-11-29T18:00:00.000Z' : '2026-11-29T13:00:00.000Z',
    currency: 'EUR',
    openedAt: '2026-11-29T08:00:00.000Z',
    openedBy: CASHIER,
    closedAt: closed ? '2026-11-29T18:00:00.000Z' : null,
    closedBy: closed ? MANAGER : null,
    sales: { count: 12, amountMinor: 15_230 },
    discounts: { count: 2, amountMinor: 71 },
    refunds: { count: 1, amountMinor: 167 },
    voids: { count: 1, amountMinor: 674 },
    netSalesMinor: 14_389,
    taxByRate: [
      { rateBp: 700, netMinor: 8_000, taxMinor: 560 },
      { rateBp: 1900, netMinor: 5_000, taxMinor: 950 },
    ],
    tenders: [
      { method: 'cash', count: 8, amountMinor: 9_389 },
      { method: 'card', count: 4, amountMinor: 5_000 },
    ],
    cash: {
      floatMinor: 10_000,
      salesMinor: 9_456,
      refundsMinor: 67,
      paidInMinor: 500,
      paidOutMinor: 1_200,
      roundingMinor: -2,
      expectedMinor: 18_687,
      countedMinor: closed ? 18_637 : null,
      differenceMinor: closed ? -50 : null,
    },
  });
}
