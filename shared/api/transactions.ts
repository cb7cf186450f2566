import { z } from 'zod';
import { amountMinorSchema, currencySchema, isoDateTimeSchema, serverIdSchema, uuidV7Schema } from './common';
import { batchRequestSchema, batchResponseSchema } from './batch';

/** `settlement`: money taken in the shift for a card payment declined after forwarding (an earlier sale's). */
export const TRANSACTION_TYPES = ['shift_open', 'sale', 'refund', 'void', 'paid_in', 'paid_out', 'settlement', 'shift_close'] as const;
export const transactionTypeSchema = z.enum(TRANSACTION_TYPES);
export type TransactionType = z.infer<typeof transactionTypeSchema>;
const NUMBERED_TYPES: ReadonlySet<TransactionType> = new Set(['sale', 'refund', 'void']);

export const TRANSACTION_BODY_MAX_BYTES = 64 * 1024;
export const TRANSACTION_BODY_MAX_DEPTH = 8;

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce<number>((max, child) => Math.max(max, depthOf(child)), 0);
}

/**
 * The register's own record of the transaction, kept as sent. Its schema belongs to the register
 * and is not final, so the API bounds it (size, depth) rather than shaping it.
 */
export const transactionBodySchema = z.record(z.string().max(100), z.json()).superRefine((body, ctx) => {
  if (depthOf(body) > TRANSACTION_BODY_MAX_DEPTH)
    ctx.addIssue({ code: 'custom', message: `nested deeper than ${TRANSACTION_BODY_MAX_DEPTH} levels` });
  else if (new TextEncoder().encode(JSON.stringify(body)).length > TRANSACTION_BODY_MAX_BYTES) {
    ctx.addIssue({ code: 'custom', message: `larger than ${TRANSACTION_BODY_MAX_BYTES} bytes` });
  }
});

/**
 * A shift opened with its float. Queued when the shift opens, so the API has it before the shift's
 * sales and its close; its own client id (the close's client id is the shift id), the shift named here.
 */
export const shiftOpenBodySchema = z
  .object({ shiftId: uuidV7Schema, openedBy: z.string().min(1).max(64), floatMinor: amountMinorSchema.nonnegative() })
  .strict();
export type ShiftOpenBody = z.infer<typeof shiftOpenBodySchema>;

const transactionEnvelopeObject = z
  .object({
    clientId: uuidV7Schema,
    type: transactionTypeSchema,
    /**
     * The terminal's gapless document number (sales, refunds and voids), so the back office can spot
     * gaps; cash movements and shift closes are not numbered documents and send null.
     */
    terminalSequence: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable(),
    occurredAt: isoDateTimeSchema,
    currency: currencySchema,
    totalMinor: amountMinorSchema,
    body: transactionBodySchema,
  })
  .strict();

export const transactionEnvelopeSchema = transactionEnvelopeObject
  .refine((t) => t.terminalSequence !== null || !NUMBERED_TYPES.has(t.type), {
    message: 'sales, refunds and voids carry their terminal sequence',
    path: ['terminalSequence'],
  })
  .refine((t) => t.type !== 'shift_open' || (shiftOpenBodySchema.safeParse(t.body).success && t.totalMinor === t.body.floatMinor), {
    message: 'a shift open carries its shift id, who opened it and its float (the total)',
    path: ['body'],
  });
export type TransactionEnvelope = z.input<typeof transactionEnvelopeSchema>;

export const transactionRecordSchema = transactionEnvelopeObject
  .omit({ body: true })
  .extend({ id: serverIdSchema('txn'), terminalId: serverIdSchema('trm'), receivedAt: isoDateTimeSchema })
  .strict();
export type TransactionRecord = z.infer<typeof transactionRecordSchema>;

export const TRANSACTION_BATCH_MAX = 100;
export const transactionBatchRequestSchema = batchRequestSchema(TRANSACTION_BATCH_MAX);
export const transactionBatchResponseSchema = batchResponseSchema('transaction', transactionRecordSchema, TRANSACTION_BATCH_MAX);
export type TransactionBatchResponse = z.infer<typeof transactionBatchResponseSchema>;

export const clientIdParamsSchema = z.object({ clientId: uuidV7Schema }).strict();
