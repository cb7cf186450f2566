import { z } from 'zod';
import { amountMinorSchema, currencySchema, cursorSchema, isoDateTimeSchema, serverIdSchema } from './common';

export const pullQuerySchema = z
  .object({ cursor: cursorSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(200) })
  .strict();

export const taxCategorySchema = z
  .object({
    id: serverIdSchema('tax'),
    name: z.string().min(1).max(60),
    /** Basis points: 2000 = 20 %. Integers, like money. */
    rateBasisPoints: z.number().int().min(0).max(10_000),
    updatedAt: isoDateTimeSchema,
  })
  .strict();

export const productSchema = z
  .object({
    id: serverIdSchema('prd'),
    sku: z.string().min(1).max(40),
    barcode: z
      .string()
      .regex(/^\d{8,14}$/)
      .nullable(),
    name: z.string().min(1).max(120),
    priceMinor: amountMinorSchema,
    currency: currencySchema,
    taxCategoryId: serverIdSchema('tax'),
    active: z.boolean(),
    updatedAt: isoDateTimeSchema,
  })
  .strict();

/** One page of changes since `cursor`: pass the returned cursor back until `hasMore` is false. */
export const catalogPageSchema = z
  .object({
    taxCategories: z.array(taxCategorySchema),
    products: z.array(productSchema),
    cursor: cursorSchema,
    hasMore: z.boolean(),
  })
  .strict();
export type CatalogPage = z.infer<typeof catalogPageSchema>;
/**
 * A catalog page as the terminal reads it: the page's shape is checked at once, each product on its
 * own, so one product it cannot take is held for a person instead of refusing the whole page.
 */
export const catalogPageRowsSchema = catalogPageSchema.extend({ products: z.array(z.unknown()) });
export type CatalogPageRows = z.infer<typeof catalogPageRowsSchema>;

export const remoteStaffSchema = z
  .object({
    id: serverIdSchema('stf'),
    name: z.string().min(1).max(60),
    role: z.enum(['cashier', 'manager', 'admin']),
    active: z.boolean(),
    updatedAt: isoDateTimeSchema,
  })
  .strict();

export const staffPageSchema = z.object({ staff: z.array(remoteStaffSchema), cursor: cursorSchema, hasMore: z.boolean() }).strict();
export type StaffPage = z.infer<typeof staffPageSchema>;
/** A staff page as the terminal reads it: each staff member checked on their own. */
export const staffPageRowsSchema = staffPageSchema.extend({ staff: z.array(z.unknown()) });
export type StaffPageRows = z.infer<typeof staffPageRowsSchema>;
