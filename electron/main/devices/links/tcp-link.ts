import { Socket } from 'node:net';
import { ByteInbox } from './byte-inbox';
import { DeviceIoError, withTimeout, type DeviceLink } from './printer-link';

/** ESC/POS over raw TCP (port 9100): one connection per job, as printers serve one client at a time. */
export async function openTcpLink(host: string, port: number, connectTimeoutMs: number): Promise<DeviceLink> {
  const socket = new Socket();
  const inbox = new ByteInbox();
  let closed: DeviceIoError | null = null;
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => inbox.push(chunk));
  socket.on('error', () => undefined);
  socket.on('close', () => {
    closed ??= new DeviceIoError('disconnected', 'the printer closed the connection');
    inbox.close();
  });
  try {
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', (error: NodeJS.ErrnoException) => reject(new DeviceIoError('unreachable', error.code ?? 'connect failed')));
        socket.connect({ host, port });
      }),
      connectTimeoutMs,
      () => new DeviceIoError('unreachable', 'connect timed out'),
    );
  } catch (error) {
    socket.destroy();
    throw error;
  }
  return {
    write: (bytes, timeoutMs) => {
      if (closed) return Promise.reject(closed);
      return withTimeout(
        new Promise<void>((resolve, reject) => {
          const onClose = () => reject(closed ?? new DeviceIoError('disconnected', 'closed while writing'));
          socket.once('close', onClose);
          socket.write(bytes, (error) => {
            socket.off('close', onClose);
            if (error) reject(new DeviceIoError('disconnected', (error as NodeJS.ErrnoException).code ?? 'write failed'));
            else resolve();
          });
        }),
        timeoutMs,
        () => new DeviceIoError('timeout', 'the printer stopped taking data'),
      );
    },
    query: async (bytes, timeoutMs) => {
      if (closed) return null;
      inbox.clear();
      socket.write(bytes);
      return inbox.next(timeoutMs);
    },
    exchange: async (bytes, end, timeoutMs) => {
      if (closed) return null;
      inbox.clear();
      socket.write(bytes);
      return inbox.frame(end, timeoutMs);
    },
    alive: () => closed === null,
    close: () => {
      closed ??= new DeviceIoError('disconnected', 'closed');
      socket.end();
      socket.destroySoon();
      setTimeout(() => socket.destroy(), 1000).unref();
    },
  };
}
