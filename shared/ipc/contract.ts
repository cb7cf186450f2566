import { z } from 'zod';
import { appStatusSchema } from '../domain/app-status';
import { auditVerificationSchema } from '../domain/audit';
import { settingsPatchSchema, settingsViewSchema } from '../domain/settings';
import {
  approvalResultSchema,
  pinSchema,
  roleSchema,
  sessionViewSchema,
  signInResultSchema,
  staffIdSchema,
  staffNameSchema,
  staffSummarySchema,
} from '../domain/staff';
import { catalogChannels } from './areas/catalog';
import { customersChannels } from './areas/customers';
import { paymentsChannels } from './areas/payments';
import { receiptsChannels } from './areas/receipts';
import { refundsChannels } from './areas/refunds';
import { salesChannels } from './areas/sales';
import { shiftsChannels } from './areas/shifts';
import { syncChannels } from './areas/sync';
import { syncStatusSchema } from '../domain/sync';
import { channel, defineContract, event } from './contract-kit';
import { kioskChannels } from './contract-kiosk';
import { checkPayloadBounds } from './payload-bounds';

const noRequest = z.undefined();
// A PIN check costs ~90 ms of scrypt: a page may not queue more than a handful.
const pinRate = { burst: 5, perSecond: 1 };

/**
 * The one source of truth for the bridge between renderer and main. Each channel names its request
 * schema, its response schema and the permission it needs; the preload, the main-process registry
 * and the renderer's client are all derived from this object.
 */
export const contract = defineContract({
  channels: {
    app: {
      getStatus: channel({
        request: noRequest,
        response: appStatusSchema,
        access: 'public',
      }),
    },
    settings: {
      // Public: the store name and currency show before anyone signs in, and settings hold no secret.
      get: channel({ request: noRequest, response: settingsViewSchema, access: 'public' }),
      update: channel({ request: settingsPatchSchema, response: settingsViewSchema, access: 'manage:settings' }),
    },
    audit: {
      verify: channel({ request: noRequest, response: auditVerificationSchema, access: 'read:audit', rateLimit: { burst: 3, perSecond: 0.2 } }),
    },
    storage: {
      /** Re-encrypts the database under a fresh key; the key itself never leaves main. */
      rotateKey: channel({
        request: noRequest,
        response: z.object({ rotatedAt: z.iso.datetime() }).strict(),
        access: 'manage:settings',
        rateLimit: { burst: 1, perSecond: 0.05 },
      }),
    },
    session: {
      get: channel({ request: noRequest, response: sessionViewSchema, access: 'public' }),
      signIn: channel({
        // The passphrase: admins in PCI sign-in mode (PCI DSS 8.3.6); refused unless asked for.
        request: z.object({ staffId: staffIdSchema, pin: pinSchema, passphrase: z.string().min(1).max(128).optional() }).strict(),
        response: signInResultSchema,
        access: 'public',
        rateLimit: pinRate,
      }),
      // Signing out is always allowed: it only ever reduces what the page can do.
      signOut: channel({ request: noRequest, response: sessionViewSchema, access: 'public' }),
      lock: channel({ request: noRequest, response: sessionViewSchema, access: 'signed-in' }),
      /** The page reports a touch or key press; it keeps the session from auto-locking. */
      activity: channel({ request: noRequest, response: z.null(), access: 'public', rateLimit: { burst: 10, perSecond: 2 } }),
    },
    staff: {
      /** Active staff for the sign-in picker: names and roles only. */
      list: channel({ request: noRequest, response: z.array(staffSummarySchema), access: 'public' }),
      listAll: channel({ request: noRequest, response: z.array(staffSummarySchema), access: 'manage:staff' }),
      setupFirstAdmin: channel({
        request: z.object({ name: staffNameSchema, pin: pinSchema }).strict(),
        response: sessionViewSchema,
        access: 'public',
        rateLimit: pinRate,
      }),
      create: channel({
        request: z.object({ name: staffNameSchema, role: roleSchema, pin: pinSchema }).strict(),
        response: staffSummarySchema,
        access: 'manage:staff',
        rateLimit: pinRate,
      }),
      update: channel({
        request: z.object({ id: staffIdSchema, name: staffNameSchema.optional(), role: roleSchema.optional() }).strict(),
        response: staffSummarySchema,
        access: 'manage:staff',
      }),
      resetPin: channel({
        request: z.object({ id: staffIdSchema, pin: pinSchema }).strict(),
        response: staffSummarySchema,
        access: 'manage:staff',
        rateLimit: pinRate,
      }),
      setActive: channel({ request: z.object({ id: staffIdSchema, active: z.boolean() }).strict(), response: staffSummarySchema, access: 'manage:staff' }),
    },
    approvals: {
      /** A manager approves one exact call of the signed-in staff member, on the spot, with their PIN. */
      grant: channel({
        request: z
          .object({
            approverId: staffIdSchema,
            pin: pinSchema,
            channel: z.string().regex(/^[a-zA-Z]+\.[a-zA-Z]+$/),
            // Measured by an iterative walk: JSON.stringify here overflowed the stack on a deeply nested request.
            request: z.unknown().refine((value) => checkPayloadBounds(value, { maxDepth: 32, maxNodes: 10_000, maxJsonChars: 16_384 }).ok, 'too large'),
          })
          .strict(),
        response: approvalResultSchema,
        access: 'signed-in',
        rateLimit: pinRate,
      }),
    },
    kiosk: kioskChannels,
    drawer: {
      /** Records a drawer opening outside a sale (no sale, change, float, pickup). */
      open: channel({
        request: z.object({ reason: z.enum(['no_sale', 'change', 'float', 'pickup']) }).strict(),
        response: z.object({ openedAt: z.iso.datetime() }).strict(),
        access: 'open:drawer',
      }),
    },
    // The register's areas keep their channels in their own files.
    catalog: catalogChannels,
    sales: salesChannels,
    payments: paymentsChannels,
    refunds: refundsChannels,
    shifts: shiftsChannels,
    receipts: receiptsChannels,
    sync: syncChannels,
    customers: customersChannels,
  },
  events: {
    session: { changed: event(sessionViewSchema) },
    sync: { changed: event(syncStatusSchema) },
  },
});

export type NoposContract = typeof contract;
