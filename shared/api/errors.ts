import { z } from 'zod';

/** Every error the API returns has this body and one of these codes; the HTTP status follows the code. */
export const API_ERROR_STATUS = {
  invalid_request: 400,
  card_data_refused: 400,
  idempotency_key_required: 400,
  enrollment_code_invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  card_declined: 402,
  insufficient_funds: 402,
  processing_error: 402,
  not_found: 404,
  idempotency_in_flight: 409,
  conflict: 409,
  payload_too_large: 413,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;
export const apiErrorCodeSchema = z.enum(Object.keys(API_ERROR_STATUS) as [ApiErrorCode, ...ApiErrorCode[]]);

export const apiErrorSchema = z
  .object({
    error: z
      .object({
        code: apiErrorCodeSchema,
        message: z.string().max(500),
        /** For validation errors: where in the request, never the offending value. */
        issues: z
          .array(z.object({ path: z.string().max(200), message: z.string().max(200) }).strict())
          .max(20)
          .optional(),
        /** For payment declines: the payment as recorded. */
        paymentId: z.string().max(40).optional(),
      })
      .strict(),
  })
  .strict();
export type ApiError = z.infer<typeof apiErrorSchema>;
