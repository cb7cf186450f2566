import { z } from 'zod';
import { MAX_COUNTED_MINOR, MAX_TENDER_MINOR } from '../../domain/amount-input';
import { minorUnitsSchema } from '../../domain/money';
import { cashMovementRequestSchema, countDiffersSchema, shiftReportSchema, shiftViewSchema } from '../../domain/shift';
import { channel } from '../contract-kit';

const noRequest = z.undefined();

export const shiftsChannels = {
  current: channel({ request: noRequest, response: shiftViewSchema.nullable(), access: 'create:transactions' }),
  /** Opens the shift with the counted float; sales need an open shift. */
  open: channel({
    request: z.object({ floatMinor: minorUnitsSchema.nonnegative().max(MAX_TENDER_MINOR) }).strict(),
    response: shiftViewSchema,
    access: 'create:transactions',
  }),
  cashMovement: channel({
    request: cashMovementRequestSchema,
    response: z
      .object({ movementId: z.string(), kind: z.enum(['paid_in', 'paid_out']), amountMinor: minorUnitsSchema, at: z.iso.datetime() })
      .strict(),
    access: 'open:drawer',
  }),
  /** Mid-shift totals; changes nothing. */
  xReport: channel({ request: noRequest, response: shiftReportSchema, access: 'read:reports' }),
  /**
   * Closes the shift against the counted cash: the Z report. Refused while a sale is open. When the
   * count differs from the expected cash it answers `count_differs` and closes nothing, until the call
   * confirms that very difference (`confirmDifferenceMinor`): staff recount or confirm knowingly.
   */
  close: channel({
    request: z
      .object({ countedMinor: minorUnitsSchema.nonnegative().max(MAX_COUNTED_MINOR), confirmDifferenceMinor: minorUnitsSchema.optional() })
      .strict(),
    response: z.union([shiftReportSchema, countDiffersSchema]),
    access: 'read:reports',
  }),
};
