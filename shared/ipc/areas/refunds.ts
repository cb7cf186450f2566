import { z } from 'zod';
import { receiptNumberSchema, refundableSaleSchema, refundRequestSchema, refundViewSchema } from '../../domain/refund';
import { channel } from '../contract-kit';

export const refundsChannels = {
  /** The original sale by its receipt number (typed, or scanned from the receipt's barcode). */
  lookup: channel({
    request: z.object({ receiptNumber: receiptNumberSchema }).strict(),
    response: refundableSaleSchema,
    access: 'create:transactions',
  }),
  issue: channel({ request: refundRequestSchema, response: refundViewSchema, access: 'refund:transactions' }),
};
