import { z } from 'zod';
import { appStatusSchema } from '../domain/app-status';
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
  },
  events: {},
});

export type NoposContract = typeof contract;
