/**
 * One open connection to a device: bytes out, single status bytes back. Each implementation bounds
 * every operation by a timeout, so a hung device costs a job its time and never blocks anything else.
 */
export interface DeviceLink {
  /** Resolves once every byte is handed to the OS; rejects with a DeviceIoError on a fault or timeout. */
  write(bytes: Uint8Array, timeoutMs: number): Promise<void>;
  /** Sends a request and resolves with the next byte that comes back, or null when none came in time (or the link is one-way). */
  query(bytes: Uint8Array, timeoutMs: number): Promise<number | null>;
  /** Sends a request and resolves with the reply up to and including `end`, or null when none came whole in time. */
  exchange(bytes: Uint8Array, end: number, timeoutMs: number): Promise<Uint8Array | null>;
  /** False once the device or the OS closed the link (a cable pulled, the printer switched off). */
  alive(): boolean;
  close(): void;
}

export type DeviceFault = 'unreachable' | 'disconnected' | 'timeout' | 'not_set_up';

/** A device I/O failure, named by what the cashier can act on; never carries data that was sent. */
export class DeviceIoError extends Error {
  constructor(
    readonly fault: DeviceFault,
    detail: string,
  ) {
    super(`${fault}: ${detail}`);
    this.name = 'DeviceIoError';
  }
}

export const withTimeout = <T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref?.();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
