import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCKOUT_LADDER_SECONDS } from '../../../electron/main/staff/sign-in-throttle';
import { SignInThrottle } from '../../../electron/main/staff/sign-in-throttle';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

let t: TerminalFixture;
let alice: string;
let bob: string;
let carol: string;

beforeEach(async () => {
  t = await terminalFixture();
  alice = await t.addStaff('Alice', 'cashier', '482913');
  bob = await t.addStaff('Bob', 'cashier', '739164');
  carol = await t.addStaff('Carol', 'manager', '205837');
});
afterEach(() => t.close());

// Straight to the session service: these tests are about the lockout rules, not the channel's rate limit
// (the brute-force test drives the real channel).
const outcome = (staffId: string, pin: string) => t.core.session.signIn(staffId, pin);
const auditActions = () =>
  (t.storage.db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map((r) => r.action);

describe('signing in with a PIN', () => {
  it('signs in with the right PIN through the channel, and records it', async () => {
    expect(await t.call('session.signIn', { staffId: alice, pin: '482913' })).toMatchObject({
      ok: true,
      data: { outcome: 'signed_in', session: { state: 'signed_in', staff: { id: alice, role: 'cashier' } } },
    });
    expect(auditActions()).toEqual(['staff.sign_in']);
  });

  it('counts down the attempts left after a wrong PIN', async () => {
    expect(await outcome(alice, '000001')).toEqual({ outcome: 'wrong_pin', attemptsLeft: 4 });
    expect(await outcome(alice, '000002')).toEqual({ outcome: 'wrong_pin', attemptsLeft: 3 });
    expect(auditActions()).toEqual(['staff.sign_in_failed', 'staff.sign_in_failed']);
  });

  it('locks a staff member after 5 wrong PINs, with a growing delay, refusing even the right PIN meanwhile', async () => {
    for (const [round, seconds] of LOCKOUT_LADDER_SECONDS.entries()) {
      for (let i = 0; i < 4; i++) expect((await outcome(alice, `10000${i}`)).outcome).toBe('wrong_pin');
      expect(await outcome(alice, '100009')).toEqual({ outcome: 'locked_out', retryAfterSeconds: seconds });
      expect(await outcome(alice, '482913')).toEqual({ outcome: 'locked_out', retryAfterSeconds: seconds });
      t.clock.advance(seconds - 1);
      expect((await outcome(alice, '482913')).outcome).toBe('locked_out');
      t.clock.advance(1);
      void round;
    }
    // After the ladder's top, every lockout lasts the longest step.
    for (let i = 0; i < 4; i++) await outcome(alice, `20000${i}`);
    expect(await outcome(alice, '200009')).toEqual({ outcome: 'locked_out', retryAfterSeconds: 900 });
    t.clock.advance(900);
    expect((await outcome(alice, '482913')).outcome).toBe('signed_in');
    const aliceLockouts = t.storage.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'staff.locked_out' AND actor_id = ?")
      .get(alice);
    expect(aliceLockouts).toEqual({ n: LOCKOUT_LADDER_SECONDS.length + 1 });
  });

  it('raises a security alert on lockout, queued for the NoPOS API', async () => {
    for (let i = 0; i < 5; i++) await outcome(alice, `30000${i}`);
    const alerts = t.storage.db.prepare("SELECT payload_json FROM outbox WHERE kind = 'security_alert'").all() as {
      payload_json: string;
    }[];
    expect(alerts.map((a) => JSON.parse(a.payload_json))).toEqual([
      expect.objectContaining({ name: 'staff_locked_out', staffId: alice, failures: 5, lockedForSeconds: 30 }),
    ]);
  });

  it('resets the count and the ladder after a correct PIN', async () => {
    for (let i = 0; i < 5; i++) await outcome(alice, `40000${i}`);
    t.clock.advance(30);
    expect((await outcome(alice, '482913')).outcome).toBe('signed_in');
    expect(await outcome(alice, '400001')).toEqual({ outcome: 'wrong_pin', attemptsLeft: 4 });
  });

  it('throttles the whole terminal when guesses are spread across staff', async () => {
    // 4 wrong PINs each for Alice and Bob (no one locked), then 2 for Carol: 10 on the terminal.
    for (let i = 0; i < 4; i++) await outcome(alice, `50000${i}`);
    for (let i = 0; i < 4; i++) await outcome(bob, `50000${i}`);
    expect(await outcome(carol, '500001')).toEqual({ outcome: 'wrong_pin', attemptsLeft: 1 });
    expect(await outcome(carol, '500002')).toEqual({ outcome: 'terminal_throttled', retryAfterSeconds: 30 });
    // Nobody can even try, right PIN or not, until the wait is over.
    expect(await outcome(carol, '205837')).toEqual({ outcome: 'terminal_throttled', retryAfterSeconds: 30 });
    t.clock.advance(30);
    expect((await outcome(carol, '205837')).outcome).toBe('signed_in');
  });

  it('keeps a lockout across a restart of the terminal', async () => {
    for (let i = 0; i < 5; i++) await outcome(alice, `60000${i}`);
    const fresh = new SignInThrottle(t.storage.db, t.clock.now);
    expect(fresh.gate(`staff:${alice}`)).toEqual({ open: false, retryAfterSeconds: 30 });
  });

  it('refuses unknown and deactivated staff without a PIN check, counting it against the terminal', async () => {
    t.core.staff.repository.update(bob, { active: false });
    const verify = vi.spyOn(t.core.staff.hasher, 'verify');
    expect(await outcome(bob, '739164')).toMatchObject({ outcome: 'not_allowed' });
    expect(await outcome('st_nobodyatall0', '739164')).toMatchObject({ outcome: 'not_allowed' });
    expect(verify).not.toHaveBeenCalled();
    expect(t.storage.db.prepare("SELECT failures FROM auth_throttle WHERE scope = 'terminal'").get()).toEqual({ failures: 2 });
    expect(auditActions()).toEqual(['staff.sign_in_failed', 'staff.sign_in_failed']);
  });

  it("is not reset on the terminal by somebody's correct PIN in between guesses", async () => {
    for (let i = 0; i < 4; i++) await outcome(carol, `80000${i}`);
    expect((await outcome(alice, '482913')).outcome).toBe('signed_in');
    t.core.session.signOut();
    for (let i = 0; i < 4; i++) await outcome(bob, `80000${i}`);
    expect((await outcome(alice, '482913')).outcome).toBe('signed_in');
    t.core.session.signOut();
    expect(await outcome(alice, '800009')).toEqual({ outcome: 'wrong_pin', attemptsLeft: 1 });
    expect(await outcome(alice, '800008')).toEqual({ outcome: 'terminal_throttled', retryAfterSeconds: 30 });
    expect(auditActions()).toContain('staff.locked_out');
  });

  it('forgets old terminal failures after the window', async () => {
    for (let i = 0; i < 9; i++) await outcome([alice, bob, carol][i % 3]!, `81000${i}`);
    t.clock.advance(15 * 60);
    expect(await outcome(alice, '810009')).toMatchObject({ outcome: 'wrong_pin' });
  });

  it('lifts a lockout when an admin resets the PIN', async () => {
    const admin = await t.addStaff('Ada', 'admin', '917346');
    for (let i = 0; i < 5; i++) await outcome(alice, `82000${i}`);
    expect((await outcome(admin, '917346')).outcome).toBe('signed_in');
    expect(await t.call('staff.resetPin', { id: alice, pin: '582914' })).toMatchObject({ ok: true });
    t.core.session.signOut();
    expect((await outcome(alice, '582914')).outcome).toBe('signed_in');
  });

  it('checks PINs one at a time, so parallel guesses cannot overshoot the lockout', async () => {
    // The registry's rate limit lets 5 through at once; all are counted before any more can start.
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => outcome(alice, `70000${i}`)));
    expect(results.map((r) => r.outcome)).toEqual(['wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin', 'locked_out']);
    expect(await outcome(alice, '482913')).toMatchObject({ outcome: 'locked_out' });
  });

  it('never logs, stores or returns the PIN', async () => {
    const answers = [
      await t.call('session.signIn', { staffId: alice, pin: '739999' }),
      await t.call('session.signIn', { staffId: alice, pin: '482913' }),
    ];
    for (let i = 0; i < 5; i++) answers.push(await t.call('session.signIn', { staffId: bob, pin: `73999${i}` }));
    answers.push(await t.call('session.signIn', { staffId: alice, pin: 'not-a-pin-739999' }));
    const { existsSync, readFileSync } = await import('node:fs');
    const logs = ['security.log', 'security-refusals.log', 'app.log']
      .map((name) => t.storage.appLog.path.replace('app.log', name))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    expect(logs).toContain('auth.attempt');
    const stored = JSON.stringify([
      t.storage.db.prepare('SELECT * FROM audit_log').all(),
      t.storage.db.prepare('SELECT * FROM outbox').all(),
      t.storage.db.prepare('SELECT * FROM staff').all(),
    ]);
    for (const text of [logs, stored, JSON.stringify(answers)]) expect(text).not.toMatch(/73999\d|482913/);
  });
});
