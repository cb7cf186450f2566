import { z } from 'zod';
import { cardDisplaySchema } from '../api/payments';
import { currencySchema, minorUnitsSchema } from './money';
import { freeText } from './free-text';

/**
 * How one card payment may be taken, as leading terminals offer it: `prefer_online` authorizes with
 * the NoPOS API and falls back to store-and-forward within the offline limits when it cannot be
 * reached; `require_online` never stores a payment offline; `force_offline` stores it without asking.
 */
export const paymentPolicySchema = z.enum(['require_online', 'prefer_online', 'force_offline']);
export type PaymentPolicy = z.infer<typeof paymentPolicySchema>;
export const DEFAULT_PAYMENT_POLICY: PaymentPolicy = 'prefer_online';

/** From this age the oldest stored offline payment is shown as a warning; refusal comes at the policy's limit. */
export const OFFLINE_AGE_WARNING_HOURS = 24;

export { cardDisplaySchema };
export type CardDisplay = z.infer<typeof cardDisplaySchema>;

/** What the simulated reader offers the page's test-card picker: display data and the outcome, never a number. */
export const testCardIdSchema = z.enum(['approve', 'decline', 'insufficient_funds', 'processing_error', 'decline_after_forward', 'cancel']);
export type TestCardId = z.infer<typeof testCardIdSchema>;

export const testCardSchema = z.object({ id: testCardIdSchema, label: z.string().max(80), card: cardDisplaySchema.nullable() }).strict();
export type TestCard = z.infer<typeof testCardSchema>;

export const cardReaderViewSchema = z
  .object({
    kind: z.enum(['simulated', 'hardware']),
    name: z.string().max(60),
    /** Only for the simulated reader: the dev control's choices and the current one. */
    testCards: z.array(testCardSchema).nullable(),
    selectedTestCard: testCardIdSchema.nullable(),
  })
  .strict();
export type CardReaderView = z.infer<typeof cardReaderViewSchema>;

export const offlineAgeStateSchema = z.enum(['ok', 'warn', 'limit']);
export type OfflineAgeState = z.infer<typeof offlineAgeStateSchema>;

/** Offline card payments stored on this terminal and waiting to be forwarded, against the policy's limits. */
export const offlinePaymentsStatusSchema = z
  .object({
    count: z.number().int().nonnegative(),
    maxCount: z.number().int().nonnegative(),
    totals: z.array(z.object({ currency: currencySchema, totalMinor: minorUnitsSchema, maxTotalMinor: minorUnitsSchema }).strict()),
    maxPerPaymentMinor: minorUnitsSchema,
    oldestAt: z.iso.datetime().nullable(),
    warnAt: z.iso.datetime().nullable(),
    limitAt: z.iso.datetime().nullable(),
    /** `limit`: new offline card payments are refused until the stored ones are forwarded. */
    ageState: offlineAgeStateSchema,
  })
  .strict();
export type OfflinePaymentsStatus = z.infer<typeof offlinePaymentsStatusSchema>;

export const declineCodeSchema = z.enum(['card_declined', 'insufficient_funds', 'processing_error']);
export type DeclineCode = z.infer<typeof declineCodeSchema>;

/** What a manager did about a card payment declined after it was forwarded. */
export const declinedResolutionSchema = z.discriminatedUnion('kind', [
  /** The customer paid another way (came back, or was reached): the amount and how. */
  z
    .object({
      kind: z.literal('other_tender'),
      method: z.enum(['cash', 'card']),
      amountMinor: minorUnitsSchema.positive(),
      note: freeText({ max: 120 }).optional(),
    })
    .strict(),
  /** The store carries the loss. */
  z.object({ kind: z.literal('written_off'), reason: freeText({ min: 3, max: 120 }) }).strict(),
]);
export type DeclinedResolution = z.infer<typeof declinedResolutionSchema>;
