import { z } from 'zod';

/**
 * What a printed receipt says, as plain rows: the screen (React) and the printer (HTML in main)
 * both draw this one model, so the paper and the screen never disagree.
 */
export const receiptRowSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('text'),
      text: z.string().max(200),
      emphasis: z.boolean().default(false),
      align: z.enum(['left', 'center']).default('left'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('pair'),
      left: z.string().max(200),
      right: z.string().max(60),
      emphasis: z.boolean().default(false),
      detail: z.string().max(200).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('rule') }).strict(),
]);
export type ReceiptRow = z.infer<typeof receiptRowSchema>;

export const receiptDocumentSchema = z
  .object({
    kind: z.enum(['sale', 'refund', 'void', 'z_report', 'x_report']),
    receiptNumber: z.string().max(60),
    title: z.string().max(60),
    /** Marked on every copy after the first. */
    copy: z.enum(['original', 'reprint']),
    rows: z.array(receiptRowSchema).max(2_000),
    /** Code 128 of the receipt number, for refunds by scan. Null for reports. */
    barcode: z.string().max(60).nullable(),
  })
  .strict();
export type ReceiptDocument = z.infer<typeof receiptDocumentSchema>;

export const printOutcomeSchema = z
  .object({
    outcome: z.enum(['printed', 'saved', 'cancelled']),
    /** The PDF's file name (never a full path: the page has no business with the file system). */
    fileName: z.string().max(260).nullable(),
  })
  .strict();
export type PrintOutcome = z.infer<typeof printOutcomeSchema>;

/**
 * A completed sale's receipt on paper, as the sale's screen follows it: printed by itself (`queued`,
 * `printing`, then `printed` or `failed` with the cashier's words), or left to the cashier (`ask`), or
 * not offered on paper at all (`never`). See the printer's `receipts` setting.
 */
export const receiptPaperSchema = z
  .object({
    receiptNumber: z.string().max(60),
    state: z.enum(['queued', 'printing', 'printed', 'failed', 'ask', 'never']),
    message: z.string().max(300).nullable(),
  })
  .strict();
export type ReceiptPaper = z.infer<typeof receiptPaperSchema>;
