import { z } from 'zod';

export const kioskStatusSchema = z.object({ active: z.boolean() }).strict();
export type KioskStatus = z.infer<typeof kioskStatusSchema>;

export const kioskExitResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('exited') }).strict(),
  z.object({ outcome: z.literal('wrong_pin'), attemptsLeft: z.number().int().nonnegative() }).strict(),
  z.object({ outcome: z.literal('locked_out'), retryAfterSeconds: z.number().int().positive() }).strict(),
  z.object({ outcome: z.literal('terminal_throttled'), retryAfterSeconds: z.number().int().positive() }).strict(),
  z.object({ outcome: z.literal('not_allowed'), message: z.string() }).strict(),
]);
export type KioskExitResult = z.infer<typeof kioskExitResultSchema>;
