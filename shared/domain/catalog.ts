import { z } from 'zod';
import { isGtinShaped, isValidGtin } from './gtin';
import { currencySchema, minorUnitsSchema } from './money';
import { CARD_NUMBER_MESSAGE, freeText, noCardNumber } from './free-text';

/** A GTIN with a correct check digit, or a store's own code that cannot be mistaken for one. */
export const barcodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{3,32}$/, 'letters, digits and dashes, 3 to 32 characters')
  .refine((code) => !isGtinShaped(code) || isValidGtin(code), 'a GTIN whose check digit is wrong')
  .refine(noCardNumber, CARD_NUMBER_MESSAGE);

export const skuSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'a SKU: letters, digits, dot, dash, underscore')
  .refine(noCardNumber, CARD_NUMBER_MESSAGE);
export const productIdSchema = skuSchema;
export const taxCategoryIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'a tax category id');
export const productNameSchema = freeText({ min: 1, max: 120 });
export const productGroupSchema = freeText({ min: 1, max: 40 });

/** A tax rate in basis points: 2000 is 20 %. */
export const taxRateBpSchema = z.number().int().min(0).max(10_000);

export const taxCategorySchema = z
  .object({ id: taxCategoryIdSchema, name: freeText({ min: 1, max: 60 }), rateBp: taxRateBpSchema })
  .strict();
export type TaxCategory = z.infer<typeof taxCategorySchema>;

/** Sold by the unit (quantity is a count), or by weight (price is per kg, quantity in grams). */
export const soldBySchema = z.enum(['unit', 'weight']);
export type SoldBy = z.infer<typeof soldBySchema>;

/** The largest price a till takes for one unit or one kg; anything above is a typo. */
export const MAX_UNIT_PRICE_MINOR = 100_000_000;

export const productInputSchema = z
  .object({
    sku: skuSchema,
    name: productNameSchema,
    group: productGroupSchema,
    priceMinor: minorUnitsSchema.positive().max(MAX_UNIT_PRICE_MINOR),
    taxCategoryId: taxCategoryIdSchema,
    soldBy: soldBySchema,
    barcodes: z.array(barcodeSchema).max(20).default([]),
    active: z.boolean().default(true),
  })
  .strict();
export type ProductInput = z.input<typeof productInputSchema>;

export const productSchema = productInputSchema
  .extend({ currency: currencySchema, taxRateBp: taxRateBpSchema, barcodes: z.array(z.string()) })
  .strict();
export type Product = z.infer<typeof productSchema>;

/**
 * A batch of changes applied in one transaction: the sync work calls this with what the NoPOS API
 * sends, an admin's import with a file's rows. `baseVersion` guards against applying over a newer catalog.
 */
export const catalogChangesSchema = z
  .object({
    taxCategories: z.array(taxCategorySchema).max(100).default([]),
    upsert: z.array(productInputSchema).max(200_000).default([]),
    remove: z.array(skuSchema).max(200_000).default([]),
    /** The version the sender based the batch on; refused as stale when the catalog has moved on. */
    baseVersion: z.number().int().nonnegative().optional(),
  })
  .strict();
export type CatalogChanges = z.input<typeof catalogChangesSchema>;

export const catalogInfoSchema = z
  .object({
    version: z.number().int().nonnegative(),
    productCount: z.number().int().nonnegative(),
    activeCount: z.number().int().nonnegative(),
    currency: currencySchema,
    source: z.enum(['empty', 'demo', 'import', 'api']),
    groups: z.array(productGroupSchema),
    taxCategories: z.array(taxCategorySchema),
  })
  .strict();
export type CatalogInfo = z.infer<typeof catalogInfoSchema>;

/** One refused row of an import, named by its line in the file so a person can fix it. */
export const importRowErrorSchema = z.object({ line: z.number().int().positive(), message: z.string().max(300) }).strict();

export const importReportSchema = z
  .object({
    outcome: z.enum(['imported', 'refused', 'cancelled']),
    fileName: z.string().max(260).nullable(),
    rowsRead: z.number().int().nonnegative(),
    imported: z.number().int().nonnegative(),
    errors: z.array(importRowErrorSchema).max(200),
    moreErrors: z.number().int().nonnegative(),
    version: z.number().int().nonnegative(),
  })
  .strict();
export type ImportReport = z.infer<typeof importReportSchema>;
