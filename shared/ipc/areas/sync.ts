import { z } from 'zod';
import { needsAttentionEntrySchema, syncStatusSchema } from '../../domain/sync';
import { channel } from '../contract-kit';
import { freeText } from '../../domain/free-text';

const noRequest = z.undefined();
const enrollmentViewSchema = z
  .object({ terminalId: z.string().max(40), storeName: z.string().max(100), storeCurrency: z.string().length(3) })
  .strict();

/** Sync: the status bar, "sync now", enrollment and the needs-attention list. No key ever crosses here. */
export const syncChannels = {
  /** Public: staff see online/offline and the queue before anyone signs in. */
  status: channel({ request: noRequest, response: syncStatusSchema, access: 'public' }),
  syncNow: channel({ request: noRequest, response: syncStatusSchema, access: 'signed-in', rateLimit: { burst: 2, perSecond: 0.2 } }),
  /** An admin types the one-time code from the NoPOS back office; the credentials stay in main. */
  enroll: channel({
    request: z.object({ code: z.string().trim().min(12).max(20) }).strict(),
    response: enrollmentViewSchema,
    access: 'manage:settings',
    rateLimit: { burst: 3, perSecond: 0.05 },
  }),
  /** Refused while items wait, unless exactly those were exported first. */
  signOutOfStore: channel({
    request: noRequest,
    response: syncStatusSchema,
    access: 'manage:settings',
    rateLimit: { burst: 2, perSecond: 0.05 },
  }),
  exportUnsynced: channel({
    request: noRequest,
    response: z.object({ file: z.string().max(500), items: z.number().int().nonnegative() }).strict(),
    access: 'manage:settings',
    rateLimit: { burst: 2, perSecond: 0.1 },
  }),
  needsAttention: channel({ request: noRequest, response: z.array(needsAttentionEntrySchema), access: 'approve:overrides' }),
  resolve: channel({
    request: z.object({ id: z.number().int().positive(), resolution: freeText({ min: 3, max: 500 }) }).strict(),
    response: needsAttentionEntrySchema,
    access: 'approve:overrides',
  }),
};
