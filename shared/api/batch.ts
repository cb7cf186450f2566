import { z } from 'zod';
import { uuidV7Schema } from './common';
import { apiErrorCodeSchema } from './errors';

/** Up to `max` items in one request; each item is checked on its own, so one bad item fails alone. */
export function batchRequestSchema(max: number) {
  return z.object({ items: z.array(z.unknown()).min(1).max(max) }).strict();
}

/**
 * One result per item, in request order. `created`: stored now; `duplicate`: this client id was
 * already stored (safe to treat as delivered; the record is what the API holds); `rejected`: never
 * stored, with the reason; the rest of the batch is unaffected.
 */
export function batchResponseSchema<K extends string, R extends z.ZodType>(key: K, record: R, max: number) {
  const index = z.number().int().nonnegative();
  const held = { [key]: record } as Record<K, R>;
  const result = z.discriminatedUnion('status', [
    z
      .object({ index, status: z.literal('created') })
      .extend(held)
      .strict(),
    z
      .object({ index, status: z.literal('duplicate') })
      .extend(held)
      .strict(),
    z
      .object({
        index,
        status: z.literal('rejected'),
        clientId: uuidV7Schema.nullable(),
        error: z.object({ code: apiErrorCodeSchema, message: z.string().max(500) }).strict(),
      })
      .strict(),
  ]);
  return z.object({ results: z.array(result).max(max) }).strict();
}
