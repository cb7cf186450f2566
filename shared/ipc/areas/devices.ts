import { z } from 'zod';
import { deviceStatusSchema, deviceTestResultSchema, weighOutcomeSchema } from '../../domain/devices';
import { channel, event } from '../contract-kit';

export const devicesChannels = {
  /** The printer's state (asked again with `refresh`, e.g. before a tender) and what recently went wrong. */
  status: channel({
    request: z.object({ refresh: z.boolean().optional() }).strict(),
    response: deviceStatusSchema,
    access: 'signed-in',
    rateLimit: { burst: 5, perSecond: 1 },
  }),
  /** The settings screen's Test button: a test print, a kick, "Hello" on the display, a reading of the scale. */
  test: channel({
    request: z.object({ device: z.enum(['printer', 'drawer', 'display', 'scale']) }).strict(),
    response: deviceTestResultSchema,
    access: 'manage:settings',
    rateLimit: { burst: 3, perSecond: 0.5 },
  }),

  /** Weighs on the scale: a steady, positive weight within its capacity, or a named problem. */
  weigh: channel({
    request: z.object({ command: z.enum(['weigh', 'zero', 'tare']).optional() }).strict(),
    response: weighOutcomeSchema,
    access: 'create:transactions',
    rateLimit: { burst: 5, perSecond: 2 },
  }),
};

export const devicesEvents = { changed: event(deviceStatusSchema) };
