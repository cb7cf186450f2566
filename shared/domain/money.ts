import { z } from 'zod';

/** ISO 4217 alphabetic code. */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR');

/** Money is integer minor units (cents) with its currency: never a float. */
export const minorUnitsSchema = z.number().int().min(-1_000_000_000_000).max(1_000_000_000_000);

export const moneySchema = z.object({ minor: minorUnitsSchema, currency: currencySchema }).strict();
export type Money = z.infer<typeof moneySchema>;
