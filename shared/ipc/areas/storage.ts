import { z } from 'zod';
import { channel } from '../contract-kit';

export const storageChannels = {
  /** Re-encrypts the database under a fresh key; the key itself never leaves main. */
  rotateKey: channel({
    request: z.undefined(),
    response: z.object({ rotatedAt: z.iso.datetime() }).strict(),
    access: 'manage:settings',
    rateLimit: { burst: 1, perSecond: 0.05 },
  }),
};
