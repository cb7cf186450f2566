import type { z } from 'zod';
import type { ChannelAccess, Permission } from '../domain/permissions';
import type { IpcResult } from './errors';

/** A token bucket per sender and channel: `burst` calls at once, refilled at `perSecond`. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
  access: ChannelAccess;
  /**
   * A permission the handler demands for some requests only (a discount above the policy's limit):
   * held by the caller, or granted for that one exact request by a manager's approval.
   */
  stepUp?: Permission;
  rateLimit?: RateLimit;
}

export interface EventDef<P extends z.ZodType = z.ZodType> {
  payload: P;
}

/** Channels and events are grouped by area (`app`, `staff`, `sales` …); a channel's wire name is `area.method`. */
export type ChannelTree = Record<string, Record<string, ChannelDef>>;
export type EventTree = Record<string, Record<string, EventDef>>;

export interface Contract<C extends ChannelTree = ChannelTree, E extends EventTree = EventTree> {
  channels: C;
  events: E;
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(def: ChannelDef<Req, Res>): ChannelDef<Req, Res> {
  return def;
}

export function event<P extends z.ZodType>(payload: P): EventDef<P> {
  return { payload };
}

export function defineContract<C extends ChannelTree, E extends EventTree>(contract: Contract<C, E>): Contract<C, E> {
  return contract;
}

export type RequestOf<D> = D extends ChannelDef<infer Req, z.ZodType> ? z.input<Req> : never;
export type ParsedRequestOf<D> = D extends ChannelDef<infer Req, z.ZodType> ? z.output<Req> : never;
export type ResponseOf<D> = D extends ChannelDef<z.ZodType, infer Res> ? z.output<Res> : never;
export type PayloadOf<D> = D extends EventDef<infer P> ? z.output<P> : never;

/** A channel with an `undefined` request is called with no argument. */
type Method<D, R> = undefined extends RequestOf<D> ? (request?: RequestOf<D>) => Promise<R> : (request: RequestOf<D>) => Promise<R>;

export type Unsubscribe = () => void;

/**
 * What the preload exposes as `window.nopos`: one method per channel, each resolving to a result
 * envelope (errors are data, because thrown errors lose their shape across the context bridge),
 * and one subscribe function per event that hands the listener the payload only.
 */
export type BridgeApi<K extends Contract> = {
  [A in keyof K['channels']]: {
    [M in keyof K['channels'][A]]: Method<K['channels'][A][M], IpcResult<ResponseOf<K['channels'][A][M]>>>;
  };
} & {
  events: {
    [A in keyof K['events']]: {
      [N in keyof K['events'][A]]: (listener: (payload: PayloadOf<K['events'][A][N]>) => void) => Unsubscribe;
    };
  };
};

/** The renderer's view: the same methods, resolving to the data and throwing a typed error. */
export type ClientApi<K extends Contract> = {
  [A in keyof K['channels']]: {
    [M in keyof K['channels'][A]]: Method<K['channels'][A][M], ResponseOf<K['channels'][A][M]>>;
  };
} & { events: BridgeApi<K>['events'] };

export interface ChannelEntry {
  area: string;
  method: string;
  name: string;
  def: ChannelDef;
}

export interface EventEntry {
  area: string;
  event: string;
  name: string;
  def: EventDef;
}

export function listChannels(contract: Contract): ChannelEntry[] {
  return Object.entries(contract.channels).flatMap(([area, methods]) =>
    Object.entries(methods).map(([method, def]) => ({ area, method, name: `${area}.${method}`, def })),
  );
}

export function listEvents(contract: Contract): EventEntry[] {
  return Object.entries(contract.events).flatMap(([area, events]) =>
    Object.entries(events).map(([name, def]) => ({ area, event: name, name: `${area}.${name}`, def })),
  );
}

/** The names the bridge carries: plain strings, so the preload can wire them without zod. */
export interface ContractNames {
  channels: string[];
  events: string[];
}

export function contractNames(contract: Contract): ContractNames {
  return {
    channels: listChannels(contract).map((c) => c.name),
    events: listEvents(contract).map((e) => e.name),
  };
}
