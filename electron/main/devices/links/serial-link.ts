import { SerialPort } from 'serialport';
import { ByteInbox } from './byte-inbox';
import { DeviceIoError, withTimeout, type DeviceLink } from './printer-link';

export interface SerialLine {
  path: string;
  baudRate: number;
  dataBits?: 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
}

/** A serial device through the `serialport` library: a printer, a pole display or a scale. */
export async function openSerialLink(line: SerialLine, openTimeoutMs: number): Promise<DeviceLink> {
  const port = new SerialPort({
    path: line.path,
    baudRate: line.baudRate,
    dataBits: line.dataBits ?? 8,
    parity: line.parity ?? 'none',
    stopBits: line.stopBits ?? 1,
    autoOpen: false,
  });
  const inbox = new ByteInbox();
  let closed: DeviceIoError | null = null;
  port.on('data', (chunk: Buffer) => inbox.push(chunk));
  port.on('error', () => undefined);
  port.on('close', () => {
    closed ??= new DeviceIoError('disconnected', 'the port closed');
    inbox.close();
  });
  await withTimeout(
    new Promise<void>((resolve, reject) =>
      port.open((error) => (error ? reject(new DeviceIoError('unreachable', 'the port did not open')) : resolve())),
    ),
    openTimeoutMs,
    () => new DeviceIoError('unreachable', 'opening the port timed out'),
  ).catch((error: unknown) => {
    if (port.isOpen) port.close();
    throw error;
  });
  return {
    write: (bytes, timeoutMs) => {
      if (closed) return Promise.reject(closed);
      return withTimeout(
        new Promise<void>((resolve, reject) => {
          port.write(Buffer.from(bytes), (error) => {
            if (error) return reject(new DeviceIoError('disconnected', 'write failed'));
            port.drain((drainError) => (drainError ? reject(new DeviceIoError('disconnected', 'drain failed')) : resolve()));
          });
        }),
        timeoutMs,
        () => new DeviceIoError('timeout', 'the device stopped taking data'),
      );
    },
    query: async (bytes, timeoutMs) => {
      if (closed) return null;
      inbox.clear();
      port.write(Buffer.from(bytes));
      return inbox.next(timeoutMs);
    },
    exchange: async (bytes, end, timeoutMs) => {
      if (closed) return null;
      inbox.clear();
      port.write(Buffer.from(bytes));
      return inbox.frame(end, timeoutMs);
    },
    alive: () => closed === null,
    close: () => {
      closed ??= new DeviceIoError('disconnected', 'closed');
      if (port.isOpen) port.close(() => undefined);
    },
  };
}
