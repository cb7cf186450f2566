import type { z } from 'zod';
import type { ChannelAccess, Permission } from '../../../shared/domain/permissions';
import type { Contract, ParsedRequestOf, RateLimit } from '../../../shared/ipc/contract-kit';
import { listChannels } from '../../../shared/ipc/contract-kit';
import { AppError, type IpcErrorCode, type IpcResult } from '../../../shared/ipc/errors';
import { checkPayloadBounds } from '../../../shared/ipc/payload-bounds';
import type { AccessGate } from './access-gate';
import { RateLimiter, type Clock } from './rate-limiter';
import type { SenderCheck, SenderContext } from './sender';
import { CARD_NUMBER_MESSAGE } from '../../../shared/domain/free-text';

export interface HandlerContext {
  sender: SenderContext;
  /** The signed-in staff member, as the access gate knows them; null on public channels before sign-in. */
  actorId: string | null;
  /** The manager who approved this one call on the spot, if it needed an approval. */
  approverId?: string;
  /**
   * For a channel with `stepUp`: demands that permission for this call (held, or approved for this
   * exact request) and returns who approved it, if anyone; throws `forbidden` otherwise.
   */
  stepUp(): { approverId?: string };
}

export type ChannelHandler<D> = D extends { response: infer Res extends z.ZodType }
  ? (request: ParsedRequestOf<D>, context: HandlerContext) => z.input<Res> | Promise<z.input<Res>>
  : never;

/** One handler per channel, grouped like the contract; TypeScript refuses a missing or mistyped one. */
export type Handlers<K extends Contract> = {
  [A in keyof K['channels']]: { [M in keyof K['channels'][A]]: ChannelHandler<K['channels'][A][M]> };
};

/** What the registry reports: refusals go to the security log, failures to the error log. */
export type IpcLogEntry =
  | { kind: 'rejected'; channel: string; code: IpcErrorCode; senderId: string; staffId?: string }
  | { kind: 'failed'; channel: string; code: 'internal' | 'invalid_response'; senderId: string; errorName: string };

export interface RegistryOptions<K extends Contract> {
  contract: K;
  handlers: Handlers<K>;
  isTrustedSender: SenderCheck;
  accessGate: AccessGate;
  now: Clock;
  log: (entry: IpcLogEntry) => void;
  defaultRateLimit?: RateLimit;
  /** Turns a known failure from below (the disk is full) into the typed error staff should see. */
  mapError?: (error: unknown) => AppError | null;
}

export interface IpcRegistry {
  readonly channelNames: readonly string[];
  /** Never rejects: every outcome, including a bug in a handler, is a result envelope. */
  dispatch(channel: string, payload: unknown, sender: SenderContext): Promise<IpcResult<unknown>>;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 40, perSecond: 20 };

const MESSAGES: Record<IpcErrorCode, string> = {
  unknown_channel: 'This action does not exist in this version of the terminal.',
  untrusted_sender: 'Request refused: it did not come from the terminal app.',
  invalid_request: 'The request was not valid.',
  unauthenticated: 'Sign in to do this.',
  forbidden: 'You do not have permission to do this.',
  rate_limited: 'Too many requests. Wait a moment and try again.',
  invalid_response: 'The terminal produced an invalid answer. The problem has been logged.',
  unavailable: 'This is not available right now.',
  conflict: 'This conflicts with the current state. Refresh and try again.',
  not_found: 'Not found.',
  internal: 'Something went wrong in the terminal. Try again; if it keeps happening, call support.',
};

const TOO_BIG = 'The request was not valid: it is too large, too deeply nested or not plain data.';

function failure(code: IpcErrorCode, message = MESSAGES[code]): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

/** Names the fields that failed and why, never the values that were sent (they may be PINs or keys). */
function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : 'request';
    // The card-data refusal is fixed text staff must read (it names no value); other issues name their kind.
    return `${path}: ${issue.message === CARD_NUMBER_MESSAGE ? issue.message : issue.code.replace(/_/g, ' ')}`;
  });
  const more = error.issues.length > 5 ? ` (+${error.issues.length - 5} more)` : '';
  return `${MESSAGES.invalid_request} ${parts.join('; ')}${more}`.slice(0, 500);
}

interface Route {
  name: string;
  request: z.ZodType;
  response: z.ZodType;
  access: ChannelAccess;
  stepUp: Permission | undefined;
  rateLimit: RateLimit;
  handler: (request: unknown, context: HandlerContext) => unknown;
}

export function createIpcRegistry<K extends Contract>(options: RegistryOptions<K>): IpcRegistry {
  const limiter = new RateLimiter(options.now);
  const routes = new Map<string, Route>();
  const handlerTree = options.handlers as Record<string, Record<string, Route['handler']>>;

  for (const entry of listChannels(options.contract)) {
    const handler = handlerTree[entry.area]?.[entry.method];
    if (typeof handler !== 'function') throw new Error(`No handler for channel ${entry.name}`);
    routes.set(entry.name, {
      name: entry.name,
      request: entry.def.request,
      response: entry.def.response,
      access: entry.def.access,
      stepUp: entry.def.stepUp,
      rateLimit: entry.def.rateLimit ?? options.defaultRateLimit ?? DEFAULT_RATE_LIMIT,
      handler,
    });
  }

  const reject = (channel: string, code: IpcErrorCode, sender: SenderContext, message?: string, staffId?: string | null) => {
    options.log({ kind: 'rejected', channel: channel.slice(0, 100), code, senderId: sender.id, ...(staffId ? { staffId } : {}) });
    return failure(code, message);
  };

  async function run(channel: string, payload: unknown, sender: SenderContext): Promise<IpcResult<unknown>> {
    if (!options.isTrustedSender(sender)) return reject(channel, 'untrusted_sender', sender);
    const route = typeof channel === 'string' ? routes.get(channel) : undefined;
    if (!route) return reject(String(channel), 'unknown_channel', sender);
    // Rate limiting comes before parsing so a flood costs the main process as little as possible.
    if (!limiter.take(`${sender.id}\u0000${route.name}`, route.rateLimit)) return reject(route.name, 'rate_limited', sender);

    // Bounded before zod (or anything else) walks it: depth and size are checked without recursion,
    // on every channel and for every host, since both Electron IPC and the browser host come through here.
    if (!checkPayloadBounds(payload).ok) return reject(route.name, 'invalid_request', sender, TOO_BIG);

    // Validate before authorising: an approval is consumed by the one call it was granted for, so a
    // malformed request must not use it up.
    const parsed = route.request.safeParse(payload);
    if (!parsed.success) return reject(route.name, 'invalid_request', sender, describeIssues(parsed.error));

    const auth = options.accessGate.authorize(route.access, sender, { channel: route.name, payload: parsed.data });
    if (!auth.allowed) return reject(route.name, auth.code, sender, undefined, auth.actorId);

    let output: unknown;
    try {
      const stepUp = (): { approverId?: string } => {
        if (!route.stepUp) throw new Error(`${route.name} declares no stepUp permission`);
        const raised = options.accessGate.stepUp(route.stepUp, { channel: route.name, payload: parsed.data });
        if (raised.allowed) return raised.approverId ? { approverId: raised.approverId } : {};
        options.log({
          kind: 'rejected',
          channel: route.name,
          code: raised.code,
          senderId: sender.id,
          ...(raised.actorId ? { staffId: raised.actorId } : {}),
        });
        throw new AppError(raised.code, MESSAGES[raised.code]);
      };
      const context: HandlerContext = {
        sender,
        actorId: auth.actorId,
        stepUp,
        ...(auth.approverId ? { approverId: auth.approverId } : {}),
      };
      output = await route.handler(parsed.data, context);
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toPayload() };
      options.log({ kind: 'failed', channel: route.name, code: 'internal', senderId: sender.id, errorName: errorName(error) });
      const known = options.mapError?.(error);
      return known ? { ok: false, error: known.toPayload() } : failure('internal');
    }

    const checked = route.response.safeParse(output);
    if (!checked.success) {
      options.log({ kind: 'failed', channel: route.name, code: 'invalid_response', senderId: sender.id, errorName: 'ZodError' });
      return failure('invalid_response');
    }
    return { ok: true, data: checked.data };
  }

  return {
    channelNames: [...routes.keys()],
    async dispatch(channel, payload, sender) {
      try {
        return await run(channel, payload, sender);
      } catch (error) {
        // Reached only by a bug in the registry itself or a hostile payload that broke a schema.
        options.log({
          kind: 'failed',
          channel: String(channel).slice(0, 100),
          code: 'internal',
          senderId: sender?.id ?? '?',
          errorName: errorName(error),
        });
        return failure('internal');
      }
    },
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name.slice(0, 60) : typeof error;
}
