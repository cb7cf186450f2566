import { z } from 'zod';
import { amountMinorSchema, currencySchema, isoDateTimeSchema, serverIdSchema, uuidV7Schema } from './common';
import { batchRequestSchema, batchResponseSchema } from './batch';

/**
 * Sandbox test tokens: the token alone decides the outcome, as a real processor's would. Simulated
 * readers map their test cards to these; any other `tok_` token is approved.
 */
export const TEST_PAYMENT_TOKENS = {
  approve: 'tok_test_approve',
  decline: 'tok_test_decline',
  insufficientFunds: 'tok_test_insufficient_funds',
  processingError: 'tok_test_processing_error',
  /** Approved when uploaded, then a `payment.declined_after_forward` event follows on the feed. */
  declineAfterForward: 'tok_test_decline_after_forward',
} as const;

export const paymentTokenSchema = z.string().regex(/^tok_[a-z0-9_]{4,60}$/, 'a payment token from the card reader');

export const cardDisplaySchema = z
  .object({
    brand: z.enum(['visa', 'mastercard', 'amex', 'discover', 'jcb', 'unionpay', 'maestro', 'other']),
    last4: z.string().regex(/^\d{4}$/),
    entryMode: z.enum(['chip', 'contactless', 'swipe', 'manual']),
  })
  .strict();

export const paymentRequestSchema = z
  .object({
    clientId: uuidV7Schema,
    transactionClientId: uuidV7Schema,
    amountMinor: amountMinorSchema.refine((n) => n > 0, 'a positive amount'),
    currency: currencySchema,
    paymentToken: paymentTokenSchema,
    capturedAt: isoDateTimeSchema,
    /** Taken while offline and forwarded later (store-and-forward). */
    offline: z.boolean(),
    card: cardDisplaySchema,
  })
  .strict();
export type PaymentRequest = z.input<typeof paymentRequestSchema>;

/** `reversed`: approved, then voided by the terminal before settlement (see the reversal route). */
export const PAYMENT_STATUSES = ['approved', 'declined', 'declined_after_forward', 'reversed'] as const;

export const paymentRecordSchema = paymentRequestSchema
  .omit({ paymentToken: true })
  .extend({
    id: serverIdSchema('pay'),
    terminalId: serverIdSchema('trm'),
    status: z.enum(PAYMENT_STATUSES),
    declineCode: z.enum(['card_declined', 'insufficient_funds', 'processing_error']).nullable(),
    receivedAt: isoDateTimeSchema,
  })
  .strict();
export type PaymentRecord = z.infer<typeof paymentRecordSchema>;

/** Why a terminal reverses an approval: the sale it was for could not take it (closed, changed, or gone). */
export const paymentReversalRequestSchema = z.object({ reason: z.enum(['sale_closed', 'sale_changed', 'unresolved_attempt']) }).strict();
export type PaymentReversalRequest = z.input<typeof paymentReversalRequestSchema>;

/**
 * `reversed`: the approval was voided, the customer is not charged. `not_charged`: nothing to void
 * (declined, or never received); from now on a payment with this client id is refused, so a request
 * still on its way cannot charge the card after the terminal gave up on it.
 */
export const paymentReversalSchema = z
  .object({
    clientId: uuidV7Schema,
    outcome: z.enum(['reversed', 'not_charged']),
    payment: paymentRecordSchema.nullable(),
    reversedAt: isoDateTimeSchema,
  })
  .strict();
export type PaymentReversal = z.infer<typeof paymentReversalSchema>;

export const PAYMENT_BATCH_MAX = 100;
/** Card payments stored offline, forwarded together. */
export const paymentBatchRequestSchema = batchRequestSchema(PAYMENT_BATCH_MAX);
/**
 * A held payment is `created` or `duplicate` whether approved or declined: a decline is an outcome,
 * not a refusal (the payment is held declined, as a 402 says for one).
 */
export const paymentBatchResponseSchema = batchResponseSchema('payment', paymentRecordSchema, PAYMENT_BATCH_MAX);
export type PaymentBatchResponse = z.infer<typeof paymentBatchResponseSchema>;
