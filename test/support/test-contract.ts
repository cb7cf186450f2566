import { z } from 'zod';
import { channel, defineContract, event } from '../../shared/ipc/contract-kit';
import { AppError } from '../../shared/ipc/errors';
import type { AccessGate } from '../../electron/main/ipc/access-gate';
import type { Handlers } from '../../electron/main/ipc/registry';
import type { SenderContext } from '../../electron/main/ipc/sender';
import type { Permission } from '../../shared/domain/permissions';

/** A contract that exercises every path of the registry: public, guarded, failing and lying handlers. */
export const testContract = defineContract({
  channels: {
    echo: {
      say: channel({
        request: z.object({ text: z.string().max(20) }).strict(),
        response: z.object({ text: z.string() }),
        access: 'public',
      }),
      nothing: channel({ request: z.undefined(), response: z.literal('ok'), access: 'public' }),
    },
    till: {
      open: channel({
        request: z.object({ reason: z.string() }).strict(),
        response: z.object({ opened: z.boolean() }),
        access: 'open:drawer',
      }),
      crash: channel({ request: z.undefined(), response: z.null(), access: 'public' }),
      refuse: channel({ request: z.undefined(), response: z.null(), access: 'public' }),
      lie: channel({ request: z.undefined(), response: z.object({ total: z.number().int() }), access: 'public' }),
      slow: channel({ request: z.undefined(), response: z.literal('ok'), access: 'public', rateLimit: { burst: 2, perSecond: 1 } }),
    },
  },
  events: {
    till: { changed: event(z.object({ open: z.boolean() }).strict()) },
  },
});

export const SECRET = 'sk_live_DO_NOT_LEAK_4242';

export const testHandlers: Handlers<typeof testContract> = {
  echo: {
    say: ({ text }) => ({ text }),
    nothing: () => 'ok',
  },
  till: {
    open: () => ({ opened: true }),
    crash: () => {
      throw new Error(`database exploded with key ${SECRET}`);
    },
    refuse: () => {
      throw new AppError('conflict', 'The drawer is already open.');
    },
    // Returns a float where the schema demands an integer: must never reach the page.
    lie: () => ({ total: 12.5 }),
    slow: () => 'ok',
  },
};

export const trustedSender: SenderContext = { id: 'wc-1', url: 'app://nopos/index.html', isMainFrame: true, authenticated: true };

/** A gate that grants a fixed set of permissions, standing in for the staff session in unit tests. */
export function gateGranting(...granted: Permission[]): AccessGate {
  return {
    authorize: (access) =>
      access === 'public' || access === 'signed-in' || granted.includes(access)
        ? { allowed: true, actorId: 'staff-test' }
        : { allowed: false, code: 'forbidden', actorId: 'staff-test' },
    stepUp: (permission) =>
      granted.includes(permission)
        ? { allowed: true, actorId: 'staff-test' }
        : { allowed: false, code: 'forbidden', actorId: 'staff-test' },
  };
}

/** A gate with nobody signed in: public channels only. */
export const signedOutGate: AccessGate = {
  authorize: (access) =>
    access === 'public' ? { allowed: true, actorId: null } : { allowed: false, code: 'unauthenticated', actorId: null },
  stepUp: () => ({ allowed: false, code: 'unauthenticated', actorId: null }),
};
