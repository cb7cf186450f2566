import { z } from 'zod';
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
        request: z.unknown().refine((value) => checkPayloadBounds(value, { maxDepth: 32, maxNodes: 10_000, maxJsonChars: 16_384 }).ok, 'too large'),
      })
      .strict(),
    response: approvalResultSchema,
    access: 'signed-in',
    rateLimit: pinRate,
  }),
};
