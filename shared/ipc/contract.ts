import { z } from 'zod';
import { appStatusSchema } from '../domain/app-status';
import { auditVerificationSchema } from '../domain/audit';
import { settingsPatchSchema, settingsViewSchema } from '../domain/settings';
import { channel, defineContract } from './contract-kit';

/**
 * The one source of truth for the bridge between renderer and main. Each channel names its request
 * schema, its response schema and the permission it needs; the preload, the main-process registry
 * and the renderer's client are all derived from this object.
 */
export const contract = defineContract({
  channels: {
    app: {
      getStatus: channel({
        request: z.undefined(),
        response: appStatusSchema,
        access: 'public',
      }),
    },
    settings: {
      // Public: the store name and currency show before anyone signs in, and settings hold no secret.
      get: channel({ request: z.undefined(), response: settingsViewSchema, access: 'public' }),
      update: channel({ request: settingsPatchSchema, response: settingsViewSchema, access: 'manage:settings' }),
    },
    audit: {
      verify: channel({ request: z.undefined(), response: auditVerificationSchema, access: 'read:audit', rateLimit: { burst: 3, perSecond: 0.2 } }),
    },
  },
  events: {},
});

export type NoposContract = typeof contract;
