import { z } from 'zod';
import { currencySchema, minorUnitsSchema } from './money';
import {
  clientIdSchema,
  lineIdSchema,
  paymentMethodSchema,
  quantitySchema,
  reasonSchema,
  saleViewSchema,
  taxBreakdownSchema,
} from './sale';
import { staffIdSchema } from './staff';
import { CARD_NUMBER_MESSAGE, noCardNumber } from './free-text';

/** A receipt number as printed and as its barcode reads: terminal id, dash, sequence. */
export const receiptNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,31}-\d{1,9}$/, 'a receipt number such as TILL-1-000042')
  .refine(noCardNumber, CARD_NUMBER_MESSAGE);

export const documentReceiptSchema = z
  .object({ sequence: z.number().int().positive(), receiptNumber: z.string(), completedAt: z.iso.datetime() })
  .strict();

/** An original sale as the refund screen sees it: each line with what may still be refunded. */
export const refundableSaleSchema = z
  .object({
    sale: saleViewSchema,
    refundable: z.array(
      z.object({ lineId: lineIdSchema, quantity: z.number().int().nonnegative(), amountMinor: minorUnitsSchema }).strict(),
    ),
    voided: z.boolean(),
    /** What each tender can still get back, in the order refunds use them (see refund-split.ts). */
    tenders: z.array(z.object({ paymentId: clientIdSchema, method: paymentMethodSchema, roomMinor: minorUnitsSchema }).strict()),
    /** The store's cash rounding step, which the cash part of a refund follows. */
    cashRoundingMinor: z.number().int().min(0).max(100),
  })
  .strict();
export type RefundableSale = z.infer<typeof refundableSaleSchema>;

export const refundRequestSchema = z
  .object({
    /** Made by the page once per refund, so a retried call cannot refund twice. */
    refundId: clientIdSchema,
    originalSaleId: clientIdSchema,
    lines: z
      .array(z.object({ lineId: lineIdSchema, quantity: quantitySchema }).strict())
      .min(1)
      .max(200)
      .refine((lines) => new Set(lines.map((l) => l.lineId)).size === lines.length, 'each line once'),
    reason: reasonSchema,
  })
  .strict();
export type RefundRequest = z.infer<typeof refundRequestSchema>;

export const refundViewSchema = z
  .object({
    refundId: clientIdSchema,
    originalSaleId: clientIdSchema,
    originalReceiptNumber: z.string(),
    staffId: staffIdSchema,
    approverId: staffIdSchema.nullable(),
    reason: reasonSchema,
    currency: currencySchema,
    lines: z
      .array(
        z
          .object({
            lineId: lineIdSchema,
            name: z.string(),
            quantity: quantitySchema,
            amountMinor: minorUnitsSchema,
            taxMinor: minorUnitsSchema,
          })
          .strict(),
      )
      .min(1),
    totalMinor: minorUnitsSchema,
    taxMinor: minorUnitsSchema,
    taxBreakdown: taxBreakdownSchema,
    /** Back to the original tenders: cash first out of the drawer, card to the card it came from. */
    tenders: z.array(
      z
        .object({
          method: paymentMethodSchema,
          /** Handed back through this tender; for cash after the store's cash rounding. */
          amountMinor: minorUnitsSchema,
          originalPaymentId: clientIdSchema,
          /** Cash handed out − its share of the refund; refunds stored before cash rounding have none. */
          roundingMinor: minorUnitsSchema.default(0),
        })
        .strict(),
    ),
    receipt: documentReceiptSchema,
  })
  .strict();
export type RefundView = z.infer<typeof refundViewSchema>;

export const voidRequestSchema = z.object({ voidId: clientIdSchema, saleId: clientIdSchema, reason: reasonSchema }).strict();

export const voidViewSchema = z
  .object({
    voidId: clientIdSchema,
    saleId: clientIdSchema,
    originalReceiptNumber: z.string(),
    staffId: staffIdSchema,
    approverId: staffIdSchema.nullable(),
    reason: reasonSchema,
    currency: currencySchema,
    totalMinor: minorUnitsSchema,
    receipt: documentReceiptSchema,
  })
  .strict();
export type VoidView = z.infer<typeof voidViewSchema>;
