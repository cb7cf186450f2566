import { z } from 'zod';

export const appStatusSchema = z
  .object({
    productName: z.string().min(1).max(100),
    version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/),
    platform: z.enum(['linux', 'darwin', 'win32', 'other']),
    startedAt: z.iso.datetime(),
    now: z.iso.datetime(),
  })
  .strict();
export type AppStatus = z.infer<typeof appStatusSchema>;
