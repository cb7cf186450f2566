import { z } from 'zod';
import { cardReaderViewSchema, declinedResolutionSchema, offlinePaymentsStatusSchema, testCardIdSchema } from '../../domain/card-payment';
import { currencySchema, minorUnitsSchema } from '../../domain/money';
import { clientIdSchema } from '../../domain/sale';
import { channel } from '../contract-kit';

const noRequest = z.undefined();

export const declinedEntrySchema = z
  .object({
    entryId: z.number().int().positive(),
    paymentId: z.string().max(80),
    reason: z.string().max(500),
    createdAt: z.iso.datetime(),
    resolvedAt: z.iso.datetime().nullable(),
    resolution: z.string().max(500).nullable(),
    /** The payment as recorded on this terminal (display data only); null when it is not found here. */
    payment: z
      .object({
        saleId: clientIdSchema,
        receiptNumber: z.string().max(40).nullable(),
        amountMinor: minorUnitsSchema,
        currency: currencySchema,
        brand: z.string().max(20),
        last4: z.string().regex(/^\d{4}$/),
      })
      .strict()
      .nullable(),
  })
  .strict();
export type DeclinedEntry = z.infer<typeof declinedEntrySchema>;

export const paymentsChannels = {
  /** Which reader is in use; the simulated one lists its test cards for the page's dev-only picker. */
  reader: channel({ request: noRequest, response: cardReaderViewSchema, access: 'create:transactions' }),
  /** Refused unless the simulated reader is the one in use. */
  selectTestCard: channel({
    request: z.object({ cardId: testCardIdSchema }).strict(),
    response: cardReaderViewSchema,
    access: 'create:transactions',
  }),
  offlineStatus: channel({ request: noRequest, response: offlinePaymentsStatusSchema, access: 'create:transactions' }),
  /** Card payments declined after forwarding, newest needing action first. */
  declined: channel({
    request: z.object({ includeResolved: z.boolean().default(false) }).strict(),
    response: z.array(declinedEntrySchema),
    access: 'approve:overrides',
  }),
  resolveDeclined: channel({
    request: z.object({ entryId: z.number().int().positive(), resolution: declinedResolutionSchema }).strict(),
    response: declinedEntrySchema,
    access: 'approve:overrides',
  }),
};
