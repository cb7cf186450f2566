import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionView, SignInResult } from '../../shared/domain/staff';
import { ok } from '../support/register-steps';
import { realKeychain } from '../support/storage';
import { terminalFixture, type TerminalFixture } from '../support/terminal-fixture';

// PCI sign-in mode (policies.pciSignIn) through the real registry, session and throttle on a settable clock.

let t: TerminalFixture;
afterEach(() => t?.close());

const signIn = (staffId: string, pin: string, passphrase?: string) =>
  ok<SignInResult>(t, 'session.signIn', { staffId, pin, ...(passphrase ? { passphrase } : {}) });

/** One second apart, as a person types: the sign-in channel is rate limited (1 a second after 5). */
const typed = (staffId: string, pin: string, passphrase?: string) => {
  t.clock.advance(1);
  return signIn(staffId, pin, passphrase);
};

async function pciTerminal(policies: object = {}) {
  t = await terminalFixture({ keychain: realKeychain('pci-sign-in'), policy: { policies: { pciSignIn: true, ...policies } } });
}

describe('PCI sign-in mode', () => {
  it('locks a staff member for 30 minutes after 5 wrong PINs, every time (PCI DSS 8.3.4)', async () => {
    await pciTerminal();
    const cashier = await t.addStaff('Cal Cashier', 'cashier', '531864');
    for (const round of [1, 2, 3]) {
      for (let i = 0; i < 4; i++) expect((await signIn(cashier, '000000')).outcome).toBe('wrong_pin');
      expect(await signIn(cashier, '000000')).toEqual({ outcome: 'locked_out', retryAfterSeconds: 1800 });
      t.clock.advance(1799);
      expect(await signIn(cashier, '531864')).toEqual({ outcome: 'locked_out', retryAfterSeconds: 1 });
      t.clock.advance(1 + round * 900); // past the lock, and past the terminal's 15-minute window
    }
    expect((await signIn(cashier, '531864')).outcome).toBe('signed_in');
  });

  it('locks the whole terminal for 30 minutes after 10 wrong PINs across staff', async () => {
    await pciTerminal();
    const a = await t.addStaff('Cal Cashier', 'cashier', '531864');
    const b = await t.addStaff('Cat Cashier', 'cashier', '642975');
    const c = await t.addStaff('Cy Cashier', 'cashier', '753186');
    for (let i = 0; i < 4; i++) await typed(a, '000000');
    for (let i = 0; i < 4; i++) await typed(b, '000000');
    await typed(c, '000000');
    expect(await typed(c, '000000')).toEqual({ outcome: 'terminal_throttled', retryAfterSeconds: 1800 });
    t.clock.advance(1798);
    expect(await typed(c, '753186')).toEqual({ outcome: 'terminal_throttled', retryAfterSeconds: 1 });
  });

  it('asks for the PIN again after 15 idle minutes, even where the setting allows an hour (PCI DSS 8.2.8)', async () => {
    await pciTerminal({ autoLockMinutes: 60 });
    const cashier = await t.addStaff('Cal Cashier', 'cashier', '531864');
    const signedIn = await signIn(cashier, '531864');
    expect(signedIn.outcome === 'signed_in' && signedIn.session.state === 'signed_in' && signedIn.session.autoLockMinutes).toBe(15);
    t.clock.advance(14 * 60 + 59);
    expect((await ok<SessionView>(t, 'session.get')).state).toBe('signed_in');
    t.clock.advance(1);
    const refused = await t.call('shifts.current');
    expect(refused.ok ? 'ok' : refused.error.code).toBe('unauthenticated');
    expect(await ok<SessionView>(t, 'session.get')).toMatchObject({ state: 'locked', reason: 'idle' });
  });

  it('keeps the setting outside PCI mode', async () => {
    t = await terminalFixture({ keychain: realKeychain('pci-sign-in'), policy: { policies: { autoLockMinutes: 60 } } });
    const cashier = await t.addStaff('Cal Cashier', 'cashier', '531864');
    await signIn(cashier, '531864');
    t.clock.advance(30 * 60);
    expect((await ok<SessionView>(t, 'session.get')).state).toBe('signed_in');
  });

  it('signs admins in with PIN and a passphrase of 12+ characters set at their first sign-in; cashiers with the PIN (PCI DSS 8.3.6)', async () => {
    await pciTerminal();
    const admin = await t.addStaff('Ada Admin', 'admin', '739164');
    const cashier = await t.addStaff('Cal Cashier', 'cashier', '531864');
    // Asked for before the PIN is checked: a wrong PIN learns nothing and costs nothing here.
    expect(await typed(admin, '000000')).toEqual({ outcome: 'passphrase_required', firstTime: true });
    expect(await typed(admin, '739164', 'short1')).toEqual({
      outcome: 'not_allowed',
      message: 'An admin passphrase has at least 12 characters.',
    });
    expect(await typed(admin, '739164', 'onlyletterslong')).toEqual({
      outcome: 'not_allowed',
      message: 'An admin passphrase has both letters and digits.',
    });
    // A wrong PIN with an acceptable new passphrase sets nothing.
    expect((await typed(admin, '000000', 'correct horse 42')).outcome).toBe('wrong_pin');
    expect((await typed(admin, '739164', 'correct horse 42')).outcome).toBe('signed_in');
    await ok(t, 'session.signOut');
    expect(await typed(admin, '739164')).toEqual({ outcome: 'passphrase_required', firstTime: false });
    expect(await typed(admin, '739164', 'wrong horse 42')).toMatchObject({ outcome: 'wrong_pin' });
    expect((await typed(admin, '739164', 'correct horse 42')).outcome).toBe('signed_in');
    await ok(t, 'session.signOut');
    expect((await typed(cashier, '531864')).outcome).toBe('signed_in');
    // Never stored or logged in clear.
    const logs = readdirSync(path.join(t.dir, 'logs'))
      .map((f) => readFileSync(path.join(t.dir, 'logs', f), 'utf8'))
      .join('\n');
    const rows =
      JSON.stringify(t.storage.db.prepare('SELECT * FROM staff_passphrases').all()) +
      JSON.stringify(t.storage.db.prepare('SELECT * FROM audit_log').all());
    expect(`${logs}${rows}`).not.toContain('horse');
    expect(
      t.storage.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'staff.changed' AND details_json LIKE '%passphrase%'").get(),
    ).toEqual({ n: 1 });
  });

  it('lets an admin change their own passphrase with the current one, audited, never in clear', async () => {
    await pciTerminal();
    const admin = await t.addStaff('Ada Admin', 'admin', '739164');
    expect((await typed(admin, '739164', 'correct horse 42')).outcome).toBe('signed_in');
    const change = (current: string, next: string) => t.call('staff.changePassphrase', { current, next });
    const refused = async (current: string, next: string) => {
      const result = await change(current, next);
      return result.ok ? 'ok' : result.error.code;
    };
    expect(await refused('wrong horse 42', 'battery staple 77')).toBe('forbidden');
    expect(await refused('correct horse 42', 'short1')).toBe('invalid_request');
    expect(await refused('correct horse 42', 'correct horse 42')).toBe('invalid_request');
    expect((await change('correct horse 42', 'battery staple 77')).ok).toBe(true);
    await ok(t, 'session.signOut');
    expect((await typed(admin, '739164', 'correct horse 42')).outcome).toBe('wrong_pin');
    expect((await typed(admin, '739164', 'battery staple 77')).outcome).toBe('signed_in');
    const audit = t.storage.db
      .prepare("SELECT actor_id AS actor, target, details_json AS d FROM audit_log WHERE details_json LIKE '%passphrase_changed%'")
      .all();
    expect(audit).toEqual([{ actor: admin, target: admin, d: expect.stringContaining('passphrase_changed') }]);
    const logs = readdirSync(path.join(t.dir, 'logs'))
      .map((f) => readFileSync(path.join(t.dir, 'logs', f), 'utf8'))
      .join('\n');
    expect(logs + JSON.stringify(t.storage.db.prepare('SELECT * FROM audit_log').all())).not.toMatch(/horse|staple/);
  });

  it('lets another admin reset a forgotten passphrase (the admin sets a new one at next sign-in); no one resets their own', async () => {
    await pciTerminal();
    const ada = await t.addStaff('Ada Admin', 'admin', '739164');
    const bea = await t.addStaff('Bea Admin', 'admin', '846275');
    const mia = await t.addStaff('Mia Manager', 'manager', '824613');
    expect((await typed(ada, '739164', 'correct horse 42')).outcome).toBe('signed_in');
    await ok(t, 'session.signOut');
    const reset = async (id: string) => {
      const result = await t.call('staff.resetPassphrase', { id });
      return result.ok ? 'ok' : result.error.code;
    };
    // A manager may not; an admin may not reset their own; Bea (no passphrase yet) has none to reset.
    expect((await typed(mia, '824613')).outcome).toBe('signed_in');
    expect(await reset(ada)).toBe('forbidden');
    await ok(t, 'session.signOut');
    expect((await typed(ada, '739164', 'correct horse 42')).outcome).toBe('signed_in');
    expect(await reset(ada)).toBe('conflict');
    await ok(t, 'session.signOut');
    expect((await typed(bea, '846275', 'bea passphrase 1')).outcome).toBe('signed_in');
    expect(await reset(mia)).toBe('conflict');
    expect(await reset(ada)).toBe('ok');
    expect(await reset(ada)).toBe('conflict');
    await ok(t, 'session.signOut');
    // Ada forgot it: her PIN first, then the new passphrase she gives becomes hers.
    expect(await typed(ada, '739164')).toEqual({ outcome: 'passphrase_required', firstTime: true });
    expect((await typed(ada, '739164', 'new horse 2027')).outcome).toBe('signed_in');
    await ok(t, 'session.signOut');
    expect((await typed(ada, '739164', 'correct horse 42')).outcome).toBe('wrong_pin');
    expect((await typed(ada, '739164', 'new horse 2027')).outcome).toBe('signed_in');
    const audit = t.storage.db
      .prepare("SELECT actor_id AS actor, target FROM audit_log WHERE details_json LIKE '%passphrase_reset%'")
      .all();
    expect(audit).toEqual([{ actor: bea, target: ada }]);
  });

  it.each([
    [true, 'refuses', 'not_allowed'],
    [false, 'grants', 'approved'],
  ] as const)(
    'with PCI mode %s, %s an admin-only action to an admin PIN approval, and still lets a manager approve a drawer opening',
    async (pciSignIn, _what, outcome) => {
      t = await terminalFixture({ keychain: realKeychain('pci-sign-in'), policy: { policies: { pciSignIn } } });
      const admin = await t.addStaff('Ada Admin', 'admin', '739164');
      const manager = await t.addStaff('Mia Manager', 'manager', '824613');
      const cashier = await t.addStaff('Cal Cashier', 'cashier', '531864');
      expect((await typed(cashier, '531864')).outcome).toBe('signed_in');
      const grant = (approverId: string, pin: string, channel: string, request: unknown) =>
        ok<{ outcome: string }>(t, 'approvals.grant', { approverId, pin, channel, request });
      // The PIN alone, without the passphrase PCI sign-in mode asks of an admin: no settings change through it.
      expect((await grant(admin, '739164', 'catalog.clear', undefined)).outcome).toBe(outcome);
      expect((await grant(manager, '824613', 'drawer.open', { reason: 'change' })).outcome).toBe('approved');
    },
  );
});
