import { z } from 'zod';
import { taxRateBpSchema } from './catalog';
import { MAX_TENDER_MINOR } from './amount-input';
import { currencySchema, minorUnitsSchema } from './money';
import { clientIdSchema, paymentMethodSchema, reasonSchema } from './sale';
import { staffIdSchema } from './staff';

export const shiftViewSchema = z
  .object({
    shiftId: clientIdSchema,
    status: z.enum(['open', 'closed']),
    currency: currencySchema,
    openedAt: z.iso.datetime(),
    openedBy: staffIdSchema,
    floatMinor: minorUnitsSchema,
    closedAt: z.iso.datetime().nullable(),
    closedBy: staffIdSchema.nullable(),
  })
  .strict();
export type ShiftView = z.infer<typeof shiftViewSchema>;

export const cashMovementRequestSchema = z
  .object({
    movementId: clientIdSchema,
    kind: z.enum(['paid_in', 'paid_out']),
    amountMinor: minorUnitsSchema.positive().max(MAX_TENDER_MINOR),
    reason: reasonSchema,
  })
  .strict();
export type CashMovementRequest = z.infer<typeof cashMovementRequestSchema>;

const countedSchema = z.object({ count: z.number().int().nonnegative(), amountMinor: minorUnitsSchema }).strict();

/**
 * One calculation serves the X report (mid-shift, changes nothing) and the Z report (closes the
 * shift with the counted cash). Amounts are the store currency's minor units.
 */
export const shiftReportSchema = z
  .object({
    kind: z.enum(['X', 'Z']),
    /** The Z report's gapless number on this terminal; null on an X report (and on Z reports stored before numbering). */
    zNumber: z.number().int().positive().nullable().default(null),
    shiftId: clientIdSchema,
    generatedAt: z.iso.datetime(),
    currency: currencySchema,
    openedAt: z.iso.datetime(),
    openedBy: staffIdSchema,
    closedAt: z.iso.datetime().nullable(),
    closedBy: staffIdSchema.nullable(),
    sales: countedSchema,
    /** Discounts given on the shift's completed, unvoided sales. */
    discounts: countedSchema,
    refunds: countedSchema,
    voids: countedSchema,
    /** Card payments declined after forwarding that were settled in this shift (cash or another card). */
    settlements: countedSchema.default({ count: 0, amountMinor: 0 }),
    /** Sales − refunds − voids. */
    netSalesMinor: minorUnitsSchema,
    taxByRate: z.array(z.object({ rateBp: taxRateBpSchema, netMinor: minorUnitsSchema, taxMinor: minorUnitsSchema }).strict()),
    /** Takings per tender, after refunds and voids paid back out of it. */
    tenders: z.array(
      z.object({ method: paymentMethodSchema, count: z.number().int().nonnegative(), amountMinor: minorUnitsSchema }).strict(),
    ),
    cash: z
      .object({
        floatMinor: minorUnitsSchema,
        salesMinor: minorUnitsSchema,
        refundsMinor: minorUnitsSchema,
        paidInMinor: minorUnitsSchema,
        paidOutMinor: minorUnitsSchema,
        /** Cash taken for card payments declined after forwarding. */
        settlementsMinor: minorUnitsSchema.default(0),
        roundingMinor: minorUnitsSchema,
        expectedMinor: minorUnitsSchema,
        countedMinor: minorUnitsSchema.nullable(),
        differenceMinor: minorUnitsSchema.nullable(),
      })
      .strict(),
  })
  .strict();
export type ShiftReport = z.infer<typeof shiftReportSchema>;

/** Closing refused until the difference between counted and expected cash is confirmed (or recounted). */
export const countDiffersSchema = z
  .object({
    outcome: z.literal('count_differs'),
    currency: currencySchema,
    expectedMinor: minorUnitsSchema,
    countedMinor: minorUnitsSchema,
    differenceMinor: minorUnitsSchema,
  })
  .strict();
export type CountDiffers = z.infer<typeof countDiffersSchema>;
