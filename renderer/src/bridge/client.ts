import { contract, type NoposContract } from '../../../shared/ipc/contract';
import { listChannels, type BridgeApi, type ClientApi } from '../../../shared/ipc/contract-kit';
import type { IpcErrorCode, IpcResult } from '../../../shared/ipc/errors';

/** The typed failure every call can throw; screens switch on `code`. */
export class BridgeError extends Error {
  readonly code: IpcErrorCode;

  constructor(code: IpcErrorCode, message: string) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
  }
}

/**
 * Wraps `window.nopos` so screens call `api.app.getStatus()` and get the data or a BridgeError.
 * The page never learns which host it runs in: Electron's preload and the browser host's shim
 * both provide the same `window.nopos`.
 */
export function createClient(bridge: BridgeApi<NoposContract>): ClientApi<NoposContract> {
  const raw = bridge as unknown as Record<string, Record<string, (request?: unknown) => Promise<IpcResult<unknown>>>>;
  const client: Record<string, Record<string, unknown>> = { events: bridge.events };
  for (const { area, method } of listChannels(contract)) {
    const call = raw[area]?.[method];
    (client[area] ??= {})[method] = async (request?: unknown) => {
      if (!call) throw new BridgeError('unavailable', 'The terminal service is not connected.');
      const result = await call(request);
      if (result.ok) return result.data;
      throw new BridgeError(result.error.code, result.error.message);
    };
  }
  return client as ClientApi<NoposContract>;
}

declare global {
  interface Window {
    readonly nopos: BridgeApi<NoposContract>;
  }
}
