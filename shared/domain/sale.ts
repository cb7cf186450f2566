import { z } from 'zod';
import { productIdSchema, productNameSchema, soldBySchema, taxCategoryIdSchema, taxRateBpSchema } from './catalog';
import { currencySchema, minorUnitsSchema } from './money';
import { staffIdSchema } from './staff';
import { freeText } from './free-text';

/** Client-generated ids (UUIDv7): the sale's id is its idempotency key at the NoPOS API. */
export const clientIdSchema = z.uuid({ version: 'v7' });
export const lineIdSchema = z.string().regex(/^ln_[a-z0-9]{10}$/, 'a line id');

/** A count for unit items; grams for weighed ones (up to 100 kg). */
export const MAX_UNIT_QUANTITY = 9_999;
export const MAX_GRAMS = 100_000;
export const quantitySchema = z.number().int().positive().max(MAX_GRAMS);

export const reasonSchema = freeText({ min: 3, minMessage: 'a reason of at least 3 characters', max: 120 });

export const discountInputSchema = z.discriminatedUnion('kind', [
  /** Percent in basis points: 1000 is 10 %. */
  z.object({ kind: z.literal('percent'), basisPoints: z.number().int().min(1).max(10_000), reason: reasonSchema }).strict(),
  z.object({ kind: z.literal('amount'), amountMinor: minorUnitsSchema.positive(), reason: reasonSchema }).strict(),
]);
export type DiscountInput = z.infer<typeof discountInputSchema>;

export const saleLineSchema = z
  .object({
    lineId: lineIdSchema,
    productId: productIdSchema,
    name: productNameSchema,
    soldBy: soldBySchema,
    quantity: quantitySchema,
    /** Per unit, or per kg for weighed items, as it was when the line was added. */
    unitPriceMinor: minorUnitsSchema,
    taxCategoryId: taxCategoryIdSchema,
    taxRateBp: taxRateBpSchema,
    /** Price × quantity, before discounts. */
    grossMinor: minorUnitsSchema,
    discount: discountInputSchema.nullable(),
    lineDiscountMinor: minorUnitsSchema,
    /** This line's share of a sale-wide discount. */
    saleDiscountShareMinor: minorUnitsSchema,
    /** What the line comes to after every discount (tax included or excluded as the store's mode says). */
    netMinor: minorUnitsSchema,
    /** This line's share of its tax rate's tax (refunds give back exactly these shares). */
    taxMinor: minorUnitsSchema,
  })
  .strict();
export type SaleLine = z.infer<typeof saleLineSchema>;

export const taxBreakdownSchema = z.array(
  z.object({ rateBp: taxRateBpSchema, netMinor: minorUnitsSchema, taxMinor: minorUnitsSchema, grossMinor: minorUnitsSchema }).strict(),
);
export type TaxBreakdown = z.infer<typeof taxBreakdownSchema>;

export const taxModeSchema = z.enum(['inclusive', 'exclusive']);
export type TaxMode = z.infer<typeof taxModeSchema>;

export const saleTotalsSchema = z
  .object({
    currency: currencySchema,
    taxMode: taxModeSchema,
    /** Sum of the lines' gross amounts. */
    subtotalMinor: minorUnitsSchema,
    discountMinor: minorUnitsSchema,
    taxMinor: minorUnitsSchema,
    /** What the customer owes before any cash rounding. */
    totalMinor: minorUnitsSchema,
    taxBreakdown: taxBreakdownSchema,
  })
  .strict();
export type SaleTotals = z.infer<typeof saleTotalsSchema>;

export const paymentMethodSchema = z.enum(['cash', 'card']);
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

/**
 * A tender taken against a sale. Card payments carry only the processor's token reference and what a
 * receipt may show (brand, last 4, entry mode): never a card number, expiry or CVV.
 */
export const paymentSchema = z
  .object({
    paymentId: clientIdSchema,
    method: paymentMethodSchema,
    /** What this tender pays towards the sale (after cash rounding, for cash). */
    amountMinor: minorUnitsSchema,
    status: z.enum(['captured', 'approved_offline', 'pending', 'declined', 'refunded']),
    cash: z.object({ givenMinor: minorUnitsSchema, changeMinor: minorUnitsSchema, roundingMinor: minorUnitsSchema }).strict().nullable(),
    card: z
      .object({
        /** A fingerprint of the processor's token (never the token itself, which only the API sees). */
        paymentTokenRef: z.string().regex(/^tokfp_[0-9a-f]{24}$/),
        brand: z.string().max(20),
        last4: z.string().regex(/^\d{4}$/),
        entryMode: z.enum(['chip', 'contactless', 'swipe', 'manual']),
      })
      .strict()
      .nullable(),
    takenAt: z.iso.datetime(),
  })
  .strict();
export type Payment = z.infer<typeof paymentSchema>;

export const saleStatusSchema = z.enum(['open', 'parked', 'completed', 'voided']);

export const saleViewSchema = z
  .object({
    saleId: clientIdSchema,
    status: saleStatusSchema,
    openedBy: staffIdSchema,
    openedAt: z.iso.datetime(),
    lines: z.array(saleLineSchema),
    saleDiscount: discountInputSchema.nullable(),
    totals: saleTotalsSchema,
    payments: z.array(paymentSchema),
    paidMinor: minorUnitsSchema,
    /** Still owed. */
    remainingMinor: minorUnitsSchema,
    /** What settles it in cash, after the store's cash rounding (equal to remainingMinor without rounding). */
    cashDueMinor: minorUnitsSchema,
    /** Present once completed. */
    receipt: z
      .object({ sequence: z.number().int().positive(), receiptNumber: z.string(), completedAt: z.iso.datetime() })
      .strict()
      .nullable(),
  })
  .strict();
export type SaleView = z.infer<typeof saleViewSchema>;

export const parkedSaleSchema = z
  .object({
    saleId: clientIdSchema,
    openedBy: staffIdSchema,
    parkedAt: z.iso.datetime(),
    lineCount: z.number().int().nonnegative(),
    totalMinor: minorUnitsSchema,
    currency: currencySchema,
    note: z.string().max(60).nullable(),
  })
  .strict();
export type ParkedSale = z.infer<typeof parkedSaleSchema>;
