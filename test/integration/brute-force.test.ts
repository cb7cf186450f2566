import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SECRET_NAMES } from '../../electron/main/secrets/keychain';
import { realKeychain } from '../support/storage';
import { terminalFixture, type TerminalFixture } from '../support/terminal-fixture';

// 10,000 wrong PINs through the real sign-in channel (registry, rate limit, session, throttle, SQLCipher,
// real keychain), on a simulated clock: every attempt is made one second after the previous answer,
// as fast as the channel takes them. PINs hash at test cost here; the lockout does not depend on it.

const keychain = realKeychain('brute-force');

/** The figures docs/security.md states; the test measures exactly these, so the two cannot drift apart. */
function documentedFigures(): { oneStaff: [number, number]; allStaff: [number, number] } {
  const doc = readFileSync(path.resolve(import.meta.dirname, '../../docs/security.md'), 'utf8').replace(/\s+/g, ' ');
  const one = /one staff member it measures \*\*(\d+) checked guesses in the first hour\*\*.*?\*\*(\d+) in each full hour after\*\*/.exec(
    doc,
  );
  const all = /terminal throttle holds it to \*\*(\d+) in the first hour\*\* and \*\*(\d+) in each full hour after\*\*/.exec(doc);
  if (!one || !all) throw new Error('docs/security.md no longer states the brute-force figures this test checks');
  return { oneStaff: [Number(one[1]), Number(one[2])], allStaff: [Number(all[1]), Number(all[2])] };
}

/** Guesses checked in the first hour, in each full hour after it, and in the cut-off last hour. */
function byHour(perHour: number[], hours: number) {
  const full = Math.floor(hours);
  return { first: perHour[0], fullHoursAfter: perHour.slice(1, full), partialLast: full < perHour.length ? perHour.slice(full) : [] };
}
let t: TerminalFixture;

afterEach(async () => {
  t?.close();
  for (const name of SECRET_NAMES) await keychain.delete(name);
});

async function attack(targets: string[], attempts: number) {
  const start = t.clock.ms;
  let signedIn = 0;
  for (let i = 0; i < attempts; i++) {
    const staffId = targets[i % targets.length]!;
    // Guesses walk up from 000000 (the real PINs are far from there): what counts is how many are checked.
    const result = await t.call<{ outcome: string }>('session.signIn', { staffId, pin: String(i).padStart(6, '0') });
    if (result.ok && result.data.outcome === 'signed_in') signedIn++;
    t.clock.advance(1);
  }
  const failures = t.storage.db.prepare("SELECT at FROM audit_log WHERE action = 'staff.sign_in_failed'").all() as { at: string }[];
  const hours = (t.clock.ms - start) / 3_600_000;
  const perHour = new Array<number>(Math.ceil(hours)).fill(0);
  for (const { at } of failures) perHour[Math.floor((Date.parse(at) - start) / 3_600_000)]! += 1;
  const summary = { signedIn, evaluated: failures.length, hours, perHour };
  // The per-hour counts are the point of this test: show them.
  console.info(`brute force on ${targets.length} staff: ${JSON.stringify(summary)}`);
  return summary;
}

describe('brute force against the sign-in channel', () => {
  it('holds one staff member to the guesses an hour that docs/security.md states', async () => {
    const [firstHour, perHourAfter] = documentedFigures().oneStaff;
    t = await terminalFixture({ keychain });
    const victim = await t.addStaff('Victim', 'manager', '739164');
    const result = await attack([victim], 10_000);
    expect(result.signedIn).toBe(0);
    // First hour: the ladder's short early steps; after that 5 guesses per 15-minute lockout.
    const hours = byHour(result.perHour, result.hours);
    expect(hours.first).toBe(firstHour);
    expect(hours.fullHoursAfter.length).toBeGreaterThan(0);
    for (const count of hours.fullHoursAfter) expect(count).toBe(perHourAfter);
    for (const count of hours.partialLast) expect(count).toBeLessThanOrEqual(perHourAfter);
  });

  it('gains nothing by trying every staff member in turn: the terminal throttle caps it', async () => {
    t = await terminalFixture({ keychain });
    const staff = [
      await t.addStaff('Ann', 'cashier', '482913'),
      await t.addStaff('Ben', 'cashier', '739164'),
      await t.addStaff('Cat', 'manager', '205837'),
      await t.addStaff('Dan', 'cashier', '917346'),
    ];
    const [firstHour, perHourAfter] = documentedFigures().allStaff;
    const result = await attack(staff, 10_000);
    expect(result.signedIn).toBe(0);
    // 10 failures per terminal lockout, 15 minutes each once the ladder tops out.
    const hours = byHour(result.perHour, result.hours);
    expect(hours.first).toBe(firstHour);
    expect(hours.fullHoursAfter.length).toBeGreaterThan(0);
    for (const count of hours.fullHoursAfter) expect(count).toBe(perHourAfter);
    for (const count of hours.partialLast) expect(count).toBeLessThanOrEqual(perHourAfter);
  });
});
