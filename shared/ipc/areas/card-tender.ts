import { z } from 'zod';
import { declineCodeSchema, paymentPolicySchema } from '../../domain/card-payment';
import { MAX_TENDER_MINOR } from '../../domain/amount-input';
import { minorUnitsSchema } from '../../domain/money';
import { receiptDocumentSchema } from '../../domain/receipt';
import { clientIdSchema, saleViewSchema } from '../../domain/sale';

export const tenderCardRequestSchema = z
  .object({
    saleId: clientIdSchema,
    /** Made by the page once per attempt: a retry of an approved one changes nothing; after a decline, make a new one. */
    paymentId: clientIdSchema,
    /** Part of what is owed, for a split tender; all of it when absent. */
    amountMinor: minorUnitsSchema.positive().max(MAX_TENDER_MINOR).optional(),
    policy: paymentPolicySchema.default('prefer_online'),
  })
  .strict();

/** A decline or a cancelled read is an outcome, not an error: the sale stays open as it was. */
export const tenderCardResultSchema = z.discriminatedUnion('outcome', [
  z
    .object({
      outcome: z.literal('paid'),
      status: z.enum(['captured', 'approved_offline']),
      sale: saleViewSchema,
      /** Present when this tender completed the sale. */
      receipt: receiptDocumentSchema.nullable(),
      /** Set when stored offline while the oldest stored payment is past the 24 h warning. */
      warning: z.string().max(200).nullable(),
    })
    .strict(),
  z.object({ outcome: z.literal('declined'), code: declineCodeSchema, message: z.string().max(200), sale: saleViewSchema }).strict(),
  z.object({ outcome: z.literal('cancelled'), message: z.string().max(200), sale: saleViewSchema }).strict(),
]);
export type TenderCardResult = z.infer<typeof tenderCardResultSchema>;
