import { existsSync, readFileSync, symlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RotatingLog } from '../../../electron/main/logging/rotating-log';
import { ipcLogSink, SecurityLog } from '../../../electron/main/logging/security-log';
import { tempDir } from '../../support/storage';

const scratch = tempDir('logs');
afterEach(() => scratch.cleanup());
const now = () => new Date('2026-11-29T10:00:00.000Z');
const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('rotating JSON-lines log', () => {
  it('writes one timestamped JSON object per line, redacted', () => {
    const log = new RotatingLog({ dir: scratch.dir, name: 'app', now });
    log.write({ event: 'x', apiKey: 'sk_live_abcdefghijkl', note: 'card 4242 4242 4242 4242' });
    expect(lines(log.path)).toEqual([{ ts: '2026-11-29T10:00:00.000Z', event: 'x', apiKey: '[REDACTED]', note: 'card [CARD]' }]);
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const log = new RotatingLog({ dir: scratch.dir, name: 'app', now, maxBytes: 200, keep: 2 });
    for (let i = 0; i < 20; i++) log.write({ event: 'filler', i });
    const file = path.join(scratch.dir, 'app.log');
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
    expect(readFileSync(file).length).toBeLessThanOrEqual(200);
    // Newest entry in the live file, order preserved across files.
    const all = [...lines(`${file}.2`), ...lines(`${file}.1`), ...lines(file)].map((l) => l.i);
    expect(all.at(-1)).toBe(19);
    expect(all).toEqual([...all].sort((a, b) => Number(a) - Number(b)));
  });

  it('carries on appending to an existing file after a restart', () => {
    new RotatingLog({ dir: scratch.dir, name: 'app', now }).write({ event: 'before' });
    new RotatingLog({ dir: scratch.dir, name: 'app', now }).write({ event: 'after' });
    expect(lines(path.join(scratch.dir, 'app.log')).map((l) => l.event)).toEqual(['before', 'after']);
  });
});

describe('security log', () => {
  it('records login attempts with staff id, terminal id, time and outcome', () => {
    const file = new RotatingLog({ dir: scratch.dir, name: 'security', now });
    const security = new SecurityLog(file, () => 'T-ABC');
    security.record({ type: 'auth.attempt', staffId: 'st-1', purpose: 'sign_in', outcome: 'failure' });
    security.record({ type: 'auth.lockout', staffId: 'st-1', failures: 5, lockedForSeconds: 30 });
    expect(lines(file.path)).toEqual([
      {
        ts: '2026-11-29T10:00:00.000Z',
        terminalId: 'T-ABC',
        severity: 'warning',
        type: 'auth.attempt',
        staffId: 'st-1',
        purpose: 'sign_in',
        outcome: 'failure',
      },
      {
        ts: '2026-11-29T10:00:00.000Z',
        terminalId: 'T-ABC',
        severity: 'alert',
        type: 'auth.lockout',
        staffId: 'st-1',
        failures: 5,
        lockedForSeconds: 30,
      },
    ]);
  });

  it('routes IPC refusals to the security log and failures to the app log', () => {
    const securityFile = new RotatingLog({ dir: scratch.dir, name: 'security', now });
    const appFile = new RotatingLog({ dir: scratch.dir, name: 'app', now });
    const sink = ipcLogSink(new SecurityLog(securityFile, () => 'T-ABC'), appFile);
    sink({ kind: 'rejected', channel: 'settings.update', code: 'forbidden', senderId: 'wc-1' });
    sink({ kind: 'failed', channel: 'app.getStatus', code: 'internal', senderId: 'wc-1', errorName: 'TypeError' });
    expect(lines(securityFile.path)).toEqual([
      expect.objectContaining({ type: 'ipc.rejected', channel: 'settings.update', code: 'forbidden', severity: 'warning' }),
    ]);
    expect(lines(appFile.path)).toEqual([
      expect.objectContaining({ event: 'ipc.failed', channel: 'app.getStatus', errorName: 'TypeError' }),
    ]);
  });
});

describe('rotating JSON-lines log on a full disk', () => {
  // /dev/full answers every write with ENOSPC, as a full disk does.
  it('never throws: holds lines while the disk refuses them, then writes them with what was dropped', () => {
    let clock = Date.parse('2026-11-29T10:00:00.000Z');
    const events: string[] = [];
    const log = new RotatingLog({
      dir: scratch.dir,
      name: 'app',
      now: () => new Date(clock),
      bufferLines: 3,
      onWriteFailed: (error) => events.push(`failed:${error.code}`),
      onResumed: () => events.push('resumed'),
    });
    symlinkSync('/dev/full', log.path);
    for (let i = 0; i < 5; i++) {
      expect(() => log.write({ event: 'held', i })).not.toThrow();
      clock += 1_500;
    }
    expect(events[0]).toBe('failed:ENOSPC');
    expect(log.health()).toEqual({ failingSince: '2026-11-29T10:00:00.000Z', buffered: 3, dropped: 2 });

    unlinkSync(log.path); // space again
    clock += 1_500;
    log.write({ event: 'after' });
    expect(events.at(-1)).toBe('resumed');
    expect(log.health()).toEqual({ failingSince: null, buffered: 0, dropped: 0 });
    // The buffer holds the newest 3 lines, the one that found room included.
    expect(lines(log.path).map((l) => [l.event, l.i ?? l.dropped ?? null])).toEqual([
      ['log.resumed', 3],
      ['held', 3],
      ['held', 4],
      ['after', null],
    ]);
  });

  it('tries the disk at most once a second while it is full, unless asked to retry', () => {
    let clock = 0;
    let failures = 0;
    const log = new RotatingLog({ dir: scratch.dir, name: 'app', now: () => new Date(clock), onWriteFailed: () => failures++ });
    symlinkSync('/dev/full', log.path);
    for (let i = 0; i < 50; i++) log.write({ i });
    expect(failures).toBe(1);
    log.retry();
    expect(failures).toBe(2);
    clock += 1_000;
    log.write({ i: 50 });
    expect(failures).toBe(3);
  });

  it('starts even when its folder cannot be made, and says so', () => {
    const failed: string[] = [];
    const log = new RotatingLog({ dir: '/dev/full/logs', name: 'app', now, onWriteFailed: (e) => failed.push(String(e.code)) });
    expect(() => log.write({ event: 'x' })).not.toThrow();
    expect(failed.length).toBeGreaterThan(0);
    expect(log.health().buffered).toBe(1);
  });
});
