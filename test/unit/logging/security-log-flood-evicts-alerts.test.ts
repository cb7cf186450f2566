import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RotatingLog } from '../../../electron/main/logging/rotating-log';
import { ipcLogSink, SecurityLog } from '../../../electron/main/logging/security-log';
import { tempDir } from '../../support/storage';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';
import { trustedSender } from '../../support/test-contract';

// Regression: every refused call from the page wrote an `ipc.rejected` line without limit (3,800
// malformed calls wrote 3,852 lines), so a compromised page could rotate lockouts and alerts out of the
// security log before they were uploaded. Refusals are now counted per kind and minute in a file of
// their own, and a flood raises an alert.

type Line = Record<string, unknown>;
const readLines = (file: string): Line[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Line)
    : [];
const allLines = (file: string): Line[] => [...readLines(`${file}.1`), ...readLines(file)];

let t: TerminalFixture | undefined;
let scratch: ReturnType<typeof tempDir> | undefined;
afterEach(() => {
  t?.close();
  scratch?.cleanup();
  t = undefined;
  scratch = undefined;
});

describe('security log flooding (regression)', () => {
  it('3,800 malformed calls from the page leave the security log a handful of lines and raise an alert', async () => {
    t = await terminalFixture();
    const logs = path.join(path.dirname(t.storage.appLog.path));
    t.storage.securityLog.record({ type: 'auth.lockout', staffId: 'st_victim00000', failures: 5, lockedForSeconds: 30 });
    for (let i = 0; i < 3_800; i++) {
      // Unknown channels (names the attacker chooses, refused before the rate limiter) and bad payloads.
      if (i % 2 === 0) await t.call(`x.probe${i}`, {});
      else await t.core.registry.dispatch('settings.update', { store: { name: 42 } }, trustedSender);
      if (i % 100 === 99) t.clock.advance(1);
    }
    t.storage.securityLog.flush();

    const security = readLines(path.join(logs, 'security.log'));
    expect(security.map((l) => l.type)).toEqual(['auth.lockout', 'alert']);
    expect(security[1]).toMatchObject({ severity: 'alert', name: 'security_log.flood' });

    const refusals = readLines(path.join(logs, 'security-refusals.log'));
    expect(refusals.length).toBeLessThan(60);
    const summaries = refusals.filter((l) => l.aggregated === true);
    expect(summaries[0]).toMatchObject({ type: 'ipc.rejected', detail: expect.stringMatching(/^\d+ more like this in the last minute$/) });
    // Nothing is lost: the lines written in full plus the counts add up to every refusal.
    const counted = refusals.reduce((sum, l) => sum + (l.aggregated === true ? Number(l.suppressed) : 1), 0);
    expect(counted).toBe(3_800);
  });

  it('keeps a lockout through a three-hour flood even with tiny rotation budgets', () => {
    scratch = tempDir('flood');
    let ms = Date.parse('2026-11-29T10:00:00.000Z');
    const now = () => new Date(ms);
    const events = new RotatingLog({ dir: scratch.dir, name: 'security', now, maxBytes: 4096, keep: 1 });
    const refusals = new RotatingLog({ dir: scratch.dir, name: 'security-refusals', now, maxBytes: 4096, keep: 1 });
    const security = new SecurityLog(events, () => 'T-ABC', { refusals, now });
    const sink = ipcLogSink(security, new RotatingLog({ dir: scratch.dir, name: 'app', now }));
    security.record({ type: 'auth.lockout', staffId: 'st_victim00000', failures: 5, lockedForSeconds: 900 });
    for (let second = 0; second < 3 * 3600; second++) {
      for (let i = 0; i < 10; i++) sink({ kind: 'rejected', channel: `x.${second}.${i}`, code: 'unknown_channel', senderId: 'wc-1' });
      security.record({ type: 'auth.attempt', staffId: 'st_victim00000', purpose: 'sign_in', outcome: 'locked' });
      ms += 1000;
      security.tick();
    }
    const kept = allLines(events.path);
    expect(kept.filter((l) => l.type === 'auth.lockout')).toHaveLength(1);
    // One alert per hour of flood, not one per minute.
    expect(kept.filter((l) => l.name === 'security_log.flood')).toHaveLength(3);
    expect(allLines(refusals.path).at(-1)).toMatchObject({ aggregated: true });
  });

  it('still writes the first refusals of each kind in full', () => {
    scratch = tempDir('flood');
    const now = () => new Date('2026-11-29T10:00:00.000Z');
    const events = new RotatingLog({ dir: scratch.dir, name: 'security', now });
    const refusals = new RotatingLog({ dir: scratch.dir, name: 'security-refusals', now });
    const security = new SecurityLog(events, () => 'T-ABC', { refusals, now });
    for (let i = 0; i < 5; i++)
      security.record({ type: 'ipc.rejected', channel: 'settings.update', code: 'forbidden', senderId: 'wc-1', staffId: 'st_cass0000000' });
    security.record({ type: 'ipc.rejected', channel: 'staff.create', code: 'forbidden', senderId: 'wc-1', staffId: 'st_cass0000000' });
    security.flush();
    expect(readLines(refusals.path).map((l) => [l.channel, l.suppressed ?? null])).toEqual([
      ['settings.update', null],
      ['settings.update', null],
      ['settings.update', null],
      ['staff.create', null],
      ['settings.update', 2],
    ]);
    expect(readLines(events.path)).toEqual([]);
  });
});
