import { existsSync, utimesSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { RotatingLog } from '../../../electron/main/logging/rotating-log';
import { tempDir } from '../../support/storage';

const scratch = tempDir('log-retention');
afterEach(() => scratch.cleanup());

describe('security log retention by age (PCI DSS 10.5.1)', () => {
  it('keeps every rotated file younger than the policy months, past any count, and removes the older ones', () => {
    let nowMs = Date.parse('2026-12-04T10:00:00.000Z');
    const now = () => new Date(nowMs);
    let months = 12;
    const log = new RotatingLog({ dir: scratch.dir, name: 'security', now, maxBytes: 120, keep: 1_000, keepMonths: () => months });
    for (let i = 0; i < 40; i++) log.write({ event: 'filler', i });
    const rotated = (n: number) => `${log.path}.${n}`;
    const files = Array.from({ length: 1_000 }, (_, i) => i + 1).filter((n) => existsSync(rotated(n)));
    expect(files.length).toBeGreaterThan(5); // more than the count-based default would keep
    // Ages: the oldest files were last written 14 and 13 months ago, the next 11 months ago.
    const last = files.at(-1)!;
    const ago = (m: number) => new Date(Date.parse('2026-12-04T10:00:00.000Z') - m * 30.5 * 86_400_000);
    utimesSync(rotated(last), ago(14), ago(14));
    utimesSync(rotated(last - 1), ago(13), ago(13));
    utimesSync(rotated(last - 2), ago(11), ago(11));
    expect(log.pruneByAge()).toBe(2);
    expect([existsSync(rotated(last)), existsSync(rotated(last - 1)), existsSync(rotated(last - 2)), existsSync(rotated(1))]).toEqual([
      false,
      false,
      true,
      true,
    ]);
    // A policy of 10 months takes the 11-month-old file too; the live file is never removed.
    months = 10;
    nowMs += 1000;
    expect(log.pruneByAge()).toBe(1);
    expect(existsSync(log.path)).toBe(true);
  });

  it('without keepMonths, keeps by count as before and removes nothing by age', () => {
    const log = new RotatingLog({ dir: scratch.dir, name: 'app', now: () => new Date(), maxBytes: 120, keep: 2 });
    for (let i = 0; i < 10; i++) log.write({ event: 'filler', i });
    utimesSync(`${log.path}.1`, new Date(0), new Date(0));
    expect(log.pruneByAge()).toBe(0);
    expect(existsSync(`${log.path}.1`)).toBe(true);
  });
});
