import { z } from 'zod';
import { isoDateTimeSchema, serverIdSchema, uuidV7Schema } from './common';

/** A consent as the terminal recorded it: the purpose, the answer, who took it and the text shown. */
export const customerConsentSchema = z
  .object({
    purpose: z.enum(['email_receipts', 'marketing']),
    granted: z.boolean(),
    at: isoDateTimeSchema,
    staffId: z.string().min(1).max(80),
    textVersion: z.string().regex(/^[a-z]+-\d{4}-\d{2}$/),
  })
  .strict();

/** The customer as the terminal holds it now (a later upsert replaces an earlier one). */
export const customerUpsertRequestSchema = z
  .object({
    customerId: uuidV7Schema,
    name: z.string().trim().min(1).max(80),
    email: z.email().max(254).nullable(),
    phone: z
      .string()
      .regex(/^\+?\d{6,15}$/)
      .nullable(),
    consents: z.array(customerConsentSchema).max(500),
    /** Client ids of the transactions this customer was attached to. */
    saleClientIds: z.array(uuidV7Schema).max(5_000),
    updatedAt: isoDateTimeSchema,
  })
  .strict();

export const customerRecordSchema = z
  .object({ id: serverIdSchema('cus'), customerId: uuidV7Schema, updatedAt: isoDateTimeSchema, erased: z.boolean() })
  .strict();

export const customerParamsSchema = z.object({ customerId: uuidV7Schema }).strict();

/** Erase the customer's personal data; transactions keep what tax law needs. Known or not, the answer is the same. */
export const customerErasureRequestSchema = z.object({ requestedAt: isoDateTimeSchema, erasedAt: isoDateTimeSchema }).strict();
export const customerErasureResponseSchema = z.object({ customerId: uuidV7Schema, erasedAt: isoDateTimeSchema }).strict();

/** A receipt to e-mail: the API sends it (the terminal never sends mail itself), only with the consent shown. */
export const receiptEmailRequestSchema = z
  .object({
    customerId: uuidV7Schema,
    receiptNumber: z.string().min(1).max(60),
    to: z.email().max(254),
    subject: z.string().min(1).max(200),
    html: z.string().min(1).max(200_000),
    text: z.string().min(1).max(50_000),
    consent: customerConsentSchema,
  })
  .strict();
export const receiptEmailResponseSchema = z.object({ id: serverIdSchema('eml'), status: z.literal('queued') }).strict();
