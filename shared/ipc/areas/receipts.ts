import { z } from 'zod';
import { printOutcomeSchema, receiptDocumentSchema, receiptPaperSchema } from '../../domain/receipt';
import { receiptNumberSchema } from '../../domain/refund';
import { clientIdSchema } from '../../domain/sale';
import { channel, event } from '../contract-kit';

const output = z.enum(['print', 'pdf']);
const printRate = { burst: 3, perSecond: 0.5 };

export const receiptsChannels = {
  /** The first copy of a receipt, printed or saved as PDF right after the sale. Any later copy is a reprint. */
  output: channel({
    request: z.object({ receiptNumber: receiptNumberSchema, output }).strict(),
    response: printOutcomeSchema,
    access: 'create:transactions',
    rateLimit: printRate,
  }),
  /** Whether a completed sale's receipt is printing by itself, printed, failed, or left to the cashier. */
  paper: channel({
    request: z.object({ receiptNumber: receiptNumberSchema }).strict(),
    response: receiptPaperSchema,
    access: 'create:transactions',
    rateLimit: { burst: 5, perSecond: 2 },
  }),
  /** Any earlier receipt, to look at before a reprint. */
  get: channel({
    request: z.object({ receiptNumber: receiptNumberSchema }).strict(),
    response: receiptDocumentSchema,
    access: 'read:reports',
  }),
  reprint: channel({
    request: z.object({ receiptNumber: receiptNumberSchema, output }).strict(),
    response: printOutcomeSchema,
    access: 'read:reports',
    rateLimit: printRate,
  }),
  /** A closed shift's Z report on paper or as PDF. */
  shiftReport: channel({
    request: z.object({ shiftId: clientIdSchema, output }).strict(),
    response: printOutcomeSchema,
    access: 'read:reports',
    rateLimit: printRate,
  }),
};

/** Each step of a receipt printed by itself, for the sale's screen (the `paper` channel answers the same). */
export const receiptsEvents = { paper: event(receiptPaperSchema) };
