import { open, type FileHandle } from 'node:fs/promises';
import { DeviceIoError, withTimeout, type DeviceLink } from './printer-link';

/**
 * Linux's usblp device (/dev/usb/lp0): bytes out only. Status cannot be asked this way, so the
 * printer's state stays `unknown`, never `ok`.
 */
export async function openUsbFileLink(path: string, openTimeoutMs: number): Promise<DeviceLink> {
  const handle: FileHandle = await withTimeout(
    open(path, 'w'),
    openTimeoutMs,
    () => new DeviceIoError('unreachable', 'opening the device timed out'),
  ).catch((error: unknown) => {
    throw error instanceof DeviceIoError ? error : new DeviceIoError('unreachable', (error as NodeJS.ErrnoException).code ?? 'open failed');
  });
  return {
    write: (bytes, timeoutMs) =>
      withTimeout(
        handle.write(bytes).then(() => undefined),
        timeoutMs,
        () => new DeviceIoError('timeout', 'the printer stopped taking data'),
      ).catch((error: unknown) => {
        throw error instanceof DeviceIoError
          ? error
          : new DeviceIoError('disconnected', (error as NodeJS.ErrnoException).code ?? 'write failed');
      }),
    query: () => Promise.resolve(null),
    exchange: () => Promise.resolve(null),
    alive: () => true,
    close: () => void handle.close().catch(() => undefined),
  };
}
