import { z } from 'zod';
import { kioskExitResultSchema, kioskStatusSchema } from '../../domain/kiosk';
import { pinSchema } from '../../domain/staff';
import { channel } from '../contract-kit';

/** Kiosk mode (set by IT policy): the page may ask whether it is on, and an admin may leave it. */
export const kioskChannels = {
  status: channel({ request: z.undefined(), response: kioskStatusSchema, access: 'public' }),
  /** Leaves kiosk mode for this run: the signed-in admin enters their PIN again. */
  exit: channel({
    request: z.object({ pin: pinSchema }).strict(),
    response: kioskExitResultSchema,
    access: 'manage:settings',
    rateLimit: { burst: 5, perSecond: 1 },
  }),
};
