import { z } from 'zod';

export const appStatusSchema = z
  .object({
    productName: z.string().min(1).max(100),
    version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/),
    platform: z.enum(['linux', 'darwin', 'win32', 'other']),
    startedAt: z.iso.datetime(),
    now: z.iso.datetime(),
    /** A throw-away development terminal: keys in memory, data deleted when it stops. */
    demo: z.boolean(),
    /** The data folder's disk is full: sales are refused (nothing is lost), logging waits in memory. */
    disk: z.object({ full: z.boolean(), since: z.iso.datetime().nullable() }).strict(),
    /** Where a demo terminal keeps its data until it stops (deleted then); null on a real terminal. */
    demoDataDir: z.string().max(500).nullable(),
  })
  .strict();
export type AppStatus = z.infer<typeof appStatusSchema>;
