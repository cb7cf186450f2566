import type { ContractNames } from './contract-kit';
import type { IpcResult } from './errors';

/** How a host moves calls and events; the preload uses ipcRenderer, the browser host uses fetch. */
export interface BridgeTransport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

const UNAVAILABLE: IpcResult<never> = {
  ok: false,
  error: { code: 'unavailable', message: 'The terminal service did not answer. Try again.' },
};

type Tree = Record<string, Record<string, unknown>>;

function place(tree: Tree, name: string, value: unknown): void {
  const [area, leaf] = name.split('.') as [string, string];
  (tree[area] ??= {})[leaf] = value;
}

/**
 * Builds `window.nopos` from the contract's names: one function per channel and one subscribe
 * function per event, nothing else. No generic send, no access to the transport, and listeners
 * receive the payload alone.
 */
export function buildBridge(names: ContractNames, transport: BridgeTransport): Tree & { events: Tree } {
  const api: Tree = {};
  for (const name of names.channels) {
    place(api, name, async (request?: unknown) => {
      try {
        return (await transport.invoke(name, request)) as IpcResult<unknown>;
      } catch {
        return UNAVAILABLE;
      }
    });
  }
  const events: Tree = {};
  for (const name of names.events) {
    place(events, name, (listener: unknown) => {
      if (typeof listener !== 'function') throw new TypeError(`${name}: listener must be a function`);
      return transport.subscribe(name, (payload) => (listener as (p: unknown) => void)(payload));
    });
  }
  return Object.assign(api, { events }) as Tree & { events: Tree };
}
