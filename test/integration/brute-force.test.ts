import { afterEach, describe, expect, it } from 'vitest';
import { SECRET_NAMES } from '../../electron/main/secrets/keychain';
import { realKeychain } from '../support/storage';
import { terminalFixture, type TerminalFixture } from '../support/terminal-fixture';

// 10,000 wrong PINs through the real sign-in channel (registry, rate limit, session, throttle, SQLCipher,
// real keychain), on a simulated clock: every attempt is made one second after the previous answer,
// as fast as the channel takes them. PINs hash at test cost here; the lockout does not depend on it.

const keychain = realKeychain('brute-force');
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
  const perHour = new Map<number, number>();
  for (const { at } of failures) {
    const hour = Math.floor((Date.parse(at) - start) / 3_600_000);
    perHour.set(hour, (perHour.get(hour) ?? 0) + 1);
  }
  const summary = { signedIn, evaluated: failures.length, hours: (t.clock.ms - start) / 3_600_000, perHour: [...perHour.values()] };
  // The per-hour counts are the point of this test: show them.
  console.info(`brute force on ${targets.length} staff: ${JSON.stringify(summary)}`);
  return summary;
}

describe('brute force against the sign-in channel', () => {
  it('holds one staff member to about 20 evaluated guesses an hour', async () => {
    t = await terminalFixture({ keychain });
    const victim = await t.addStaff('Victim', 'manager', '739164');
    const result = await attack([victim], 10_000);
    // First hour: the ladder's short early steps; after that 5 guesses per 15-minute lockout.
    expect(result.perHour[0]).toBeLessThanOrEqual(35);
    for (const count of result.perHour.slice(1)) expect(count).toBeLessThanOrEqual(20);
    expect(result.evaluated).toBeLessThan(100);
  });

  it('gains nothing by trying every staff member in turn: the terminal throttle caps it', async () => {
    t = await terminalFixture({ keychain });
    const staff = [
      await t.addStaff('Ann', 'cashier', '482913'),
      await t.addStaff('Ben', 'cashier', '739164'),
      await t.addStaff('Cat', 'manager', '205837'),
      await t.addStaff('Dan', 'cashier', '917346'),
    ];
    const result = await attack(staff, 10_000);
    expect(result.evaluated).toBeLessThan(200);
    // 10 failures per terminal lockout, 15 minutes each once the ladder tops out.
    expect(result.perHour[0]).toBeLessThanOrEqual(70);
    for (const count of result.perHour.slice(1)) expect(count).toBeLessThanOrEqual(40);
  });
});
