import { z } from 'zod';
import { isoDateTimeSchema } from './common';

const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** Audit rows as the terminal's hash chain holds them; the API keeps them and the head that anchors the chain. */
export const auditUploadEntrySchema = z
  .object({
    seq: z.number().int().positive(),
    at: isoDateTimeSchema,
    action: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
    actorId: z.string().max(64).nullable(),
    /** The entry's fields as the chain hashed them. */
    data: z.record(z.string().max(40), z.json()),
    prevHash: sha256HexSchema,
    hash: sha256HexSchema,
  })
  .strict();

export const auditUploadRequestSchema = z
  .object({ entries: z.array(auditUploadEntrySchema).min(1).max(500), headHash: sha256HexSchema })
  .strict();

export const auditUploadResponseSchema = z
  .object({ accepted: z.number().int().nonnegative(), headHash: sha256HexSchema, headSeq: z.number().int().nonnegative() })
  .strict();

export const securityEventSchema = z
  .object({
    id: z.string().regex(/^[\w-]{8,64}$/),
    at: isoDateTimeSchema,
    event: z
      .string()
      .regex(/^[a-z_]+(\.[a-z_]+)+$/)
      .max(80),
    severity: z.enum(['info', 'warning', 'critical']),
    details: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean(), z.null()])).optional(),
  })
  .strict();

export const securityEventUploadRequestSchema = z.object({ events: z.array(securityEventSchema).min(1).max(500) }).strict();
export const securityEventUploadResponseSchema = z
  .object({ accepted: z.number().int().nonnegative(), duplicates: z.number().int().nonnegative() })
  .strict();

export const serverTimeSchema = z.object({ now: isoDateTimeSchema, unixMs: z.number().int().positive() }).strict();
