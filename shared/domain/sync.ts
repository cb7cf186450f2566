import { z } from 'zod';

/** Why an item waits for a person: the API refused it, or a forwarded card payment was declined later. */
export const needsAttentionKindSchema = z.enum(['rejected', 'declined_after_forward']);
export type NeedsAttentionKind = z.infer<typeof needsAttentionKindSchema>;

export const needsAttentionEntrySchema = z
  .object({
    id: z.number().int().positive(),
    clientId: z.string().min(1).max(80),
    kind: needsAttentionKindSchema,
    /** The outbox kind of what it concerns: sale, refund, payment, … */
    itemKind: z.string().min(1).max(40),
    reason: z.string().min(1).max(500),
    createdAt: z.iso.datetime(),
    resolvedAt: z.iso.datetime().nullable(),
    resolvedBy: z.string().max(64).nullable(),
    resolution: z.string().max(500).nullable(),
  })
  .strict();
export type NeedsAttentionEntry = z.infer<typeof needsAttentionEntrySchema>;

export const connectivitySchema = z.enum(['not_enrolled', 'online', 'offline', 'credentials_rejected', 'revoked']);
export type Connectivity = z.infer<typeof connectivitySchema>;

/** What staff see in the status bar; times are ISO strings, ages in whole seconds. */
export const syncStatusSchema = z
  .object({
    connectivity: connectivitySchema,
    enrolled: z.boolean(),
    terminalId: z.string().max(40).nullable(),
    storeName: z.string().max(100).nullable(),
    pending: z.number().int().nonnegative(),
    needsAttention: z.number().int().nonnegative(),
    oldestPendingAt: z.iso.datetime().nullable(),
    /** When the oldest waiting item reaches the warning (24 h); when the oldest stored card payment reaches the policy's limit (null: none waits). */
    warnAt: z.iso.datetime().nullable(),
    limitAt: z.iso.datetime().nullable(),
    lastSyncAt: z.iso.datetime().nullable(),
    syncing: z.boolean(),
    /** Device clock minus server clock, in ms, at the last check; null before the first. */
    clockDriftMs: z.number().int().nullable(),
    clockDriftWarning: z.boolean(),
    salesStopped: z.boolean(),
    /** Set while the last catalog (staff) pull failed: since the last one that worked. */
    catalogOutOfDateSince: z.iso.datetime().nullable(),
    staffOutOfDateSince: z.iso.datetime().nullable(),
  })
  .strict();
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const CLOCK_DRIFT_LIMIT_MS = 2 * 60_000;
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60_000;
export const AGE_WARNING_MS = 24 * 60 * 60_000;
