import { z } from 'zod';
import { CARD_NUMBER_MESSAGE, noCardDataAnywhere } from '../../domain/free-text';
import { approvalResultSchema, pinSchema, staffIdSchema } from '../../domain/staff';
import { checkPayloadBounds } from '../payload-bounds';
import { pinRate } from './rates';
import { channel } from '../contract-kit';

export const approvalsChannels = {
  /** A manager approves one exact call of the signed-in staff member, on the spot, with their PIN. */
  grant: channel({
    request: z
      .object({
        approverId: staffIdSchema,
        pin: pinSchema,
        channel: z.string().regex(/^[a-zA-Z]+\.[a-zA-Z]+$/),
        // Measured by an iterative walk: JSON.stringify here overflowed the stack on a deeply nested request.
        // Optional: a channel that takes no request (the X report) is approved with none, and JSON drops the key.
        request: z
          .unknown()
          .optional()
          .refine((value) => checkPayloadBounds(value, { maxDepth: 32, maxNodes: 10_000, maxJsonChars: 16_384 }).ok, 'too large')
          .refine(noCardDataAnywhere, CARD_NUMBER_MESSAGE),
      })
      .strict(),
    response: approvalResultSchema,
    access: 'signed-in',
    rateLimit: pinRate,
  }),
};
