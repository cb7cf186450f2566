import { z } from 'zod';
import { currencySchema, serverIdSchema } from './common';
import { apiKeySchema, apiScopeSchema } from './scopes';

/** Typeable codes: 4-4-4 from an alphabet without 0/O, 1/I/L; case and dashes are forgiven on input. */
export const ENROLLMENT_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const enrollmentCodeSchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(new RegExp(`^[${ENROLLMENT_CODE_ALPHABET}]{12}$`), 'a 12-character enrollment code'));

export const enrollmentRequestSchema = z
  .object({
    code: enrollmentCodeSchema,
    /** How the back office will list this terminal, e.g. "Till 2". */
    terminalName: z.string().trim().min(1).max(60).optional(),
  })
  .strict();
export type EnrollmentRequest = z.input<typeof enrollmentRequestSchema>;

export const storeSchema = z
  .object({
    id: serverIdSchema('sto'),
    name: z.string().min(1).max(100),
    currency: currencySchema,
    /** As printed on receipts, lines separated by newlines; absent when the back office has none. */
    address: z.string().max(300).optional(),
  })
  .strict();
export type ApiStore = z.infer<typeof storeSchema>;

export const enrollmentResponseSchema = z
  .object({
    terminalId: serverIdSchema('trm'),
    store: storeSchema,
    apiKey: apiKeySchema,
    /** 32 random bytes, base64url: the key of the events feed's HMAC-SHA256 signature. */
    eventSigningSecret: z.string().regex(/^whsec_[A-Za-z0-9_-]{43}$/),
    scopes: z.array(apiScopeSchema).min(1),
  })
  .strict();
export type EnrollmentResponse = z.infer<typeof enrollmentResponseSchema>;
