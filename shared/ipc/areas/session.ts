import { z } from 'zod';
import { pinSchema, sessionViewSchema, signInResultSchema, staffIdSchema } from '../../domain/staff';
import { pinRate } from './rates';
import { channel } from '../contract-kit';

export const sessionChannels = {
  get: channel({ request: z.undefined(), response: sessionViewSchema, access: 'public' }),
  signIn: channel({
    // The passphrase: admins in PCI sign-in mode (PCI DSS 8.3.6); refused unless asked for.
    request: z.object({ staffId: staffIdSchema, pin: pinSchema, passphrase: z.string().min(1).max(128).optional() }).strict(),
    response: signInResultSchema,
    access: 'public',
    rateLimit: pinRate,
  }),
  // Signing out is always allowed: it only ever reduces what the page can do.
  signOut: channel({ request: z.undefined(), response: sessionViewSchema, access: 'public' }),
  lock: channel({ request: z.undefined(), response: sessionViewSchema, access: 'signed-in' }),
  /** The page reports a touch or key press; it keeps the session from auto-locking. */
  activity: channel({ request: z.undefined(), response: z.null(), access: 'public', rateLimit: { burst: 10, perSecond: 2 } }),
};
