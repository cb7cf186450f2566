import { describe, expect, it } from 'vitest';
import { createShutdown } from '../../../electron/main/core/shutdown';

describe('ordered shutdown', () => {
  it('runs sync, devices, logs and storage in that order whatever order they were added in, once', () => {
    const ran: string[] = [];
    const shutdown = createShutdown(() => undefined);
    shutdown.add('storage', 'database', () => ran.push('storage'));
    shutdown.add('logs', 'security-log', () => ran.push('logs'));
    shutdown.add('devices', 'printer', () => ran.push('devices'));
    shutdown.add('sync', 'sync', () => ran.push('sync'));
    shutdown.add('timers', 'updates', () => ran.push('timers'));
    shutdown.run();
    shutdown.run();
    expect(ran).toEqual(['timers', 'sync', 'devices', 'logs', 'storage']);
  });

  it('a step that throws is logged by name and the rest still run: the database is closed all the same', () => {
    const ran: string[] = [];
    const log: Record<string, unknown>[] = [];
    const shutdown = createShutdown((entry) => log.push(entry));
    shutdown.add('sync', 'sync', () => {
      throw new TypeError('socket gone');
    });
    shutdown.add('storage', 'database', () => ran.push('storage'));
    shutdown.run();
    expect(ran).toEqual(['storage']);
    expect(log).toEqual([{ level: 'error', event: 'shutdown.step_failed', step: 'sync', name: 'TypeError' }]);
  });
});
