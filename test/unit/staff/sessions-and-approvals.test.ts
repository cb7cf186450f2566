import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/ipc/contract';
import { listChannels } from '../../../shared/ipc/contract-kit';
import { ROLE_PERMISSIONS, ROLES, roleHas, type Role } from '../../../shared/domain/staff';
import type { Permission } from '../../../shared/domain/permissions';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';
import { startSale } from '../../support/register-steps';
import { trustedSender } from '../../support/test-contract';

let t: TerminalFixture;
let cashier: string;
let manager: string;
let admin: string;

beforeEach(async () => {
  t = await terminalFixture();
  cashier = await t.addStaff('Cass', 'cashier', '482913');
  manager = await t.addStaff('Manny', 'manager', '205837');
  admin = await t.addStaff('Ada', 'admin', '739164');
});
afterEach(() => t.close());

const PINS: Record<string, string> = {};
const signInAs = async (id: string) => {
  const pin = { [cashier]: '482913', [manager]: '205837', [admin]: '739164' }[id] ?? PINS[id]!;
  expect((await t.core.session.signIn(id, pin)).outcome).toBe('signed_in');
};
const audit = () =>
  t.storage.db.prepare('SELECT action, actor_id AS actor, approver_id AS approver, target FROM audit_log ORDER BY seq').all();

describe('roles and permissions on every channel', () => {
  it('names the permissions of each role exactly as the security practices say', () => {
    expect(ROLE_PERMISSIONS.cashier).toEqual(['read:products', 'create:transactions']);
    expect(ROLE_PERMISSIONS.manager).toEqual([
      'read:products',
      'create:transactions',
      'read:reports',
      'refund:transactions',
      'void:transactions',
      'apply:discounts',
      'open:drawer',
      'approve:overrides',
      'manage:customers',
    ]);
    expect(new Set(ROLE_PERMISSIONS.admin)).toEqual(
      new Set([
        'read:products',
        'create:transactions',
        'read:reports',
        'refund:transactions',
        'void:transactions',
        'apply:discounts',
        'open:drawer',
        'approve:overrides',
        'manage:customers',
        'manage:staff',
        'manage:settings',
        'read:audit',
      ]),
    );
  });

  // Generated from the contract: a channel added later is covered here without editing this test.
  const channels = listChannels(contract);
  it.each(ROLES.flatMap((role) => channels.map((c) => [role, c.name, c.def.access] as const)))(
    '%s → %s (%s)',
    async (role: Role, channel, access) => {
      const id = { cashier, manager, admin }[role];
      await signInAs(id);
      const decision = t.core.session.authorize(access, trustedSender, { channel, payload: undefined });
      const expected = access === 'public' || access === 'signed-in' || roleHas(role, access as Permission);
      expect(decision.allowed).toBe(expected);
      if (!decision.allowed) expect(decision.code).toBe('forbidden');
    },
  );

  it('lets nobody past a guarded channel while signed out or locked', async () => {
    for (const { def, name } of channels.filter((c) => c.def.access !== 'public')) {
      expect(t.core.session.authorize(def.access, trustedSender, { channel: name, payload: undefined })).toMatchObject({
        allowed: false,
        code: 'unauthenticated',
      });
    }
    await signInAs(admin);
    t.core.session.lock('manual');
    expect(t.core.session.authorize('manage:staff', trustedSender, { channel: 'staff.listAll', payload: undefined })).toMatchObject({
      allowed: false,
      code: 'unauthenticated',
    });
  });

  it('answers a cashier on a manager channel with a typed forbidden error and logs it as an alert', async () => {
    await signInAs(cashier);
    expect(await t.call('drawer.open', { reason: 'no_sale' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const { readFileSync } = await import('node:fs');
    const log = readFileSync(t.storage.appLog.path.replace('app.log', 'security-refusals.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(log.at(-1)).toMatchObject({
      type: 'ipc.rejected',
      channel: 'drawer.open',
      code: 'forbidden',
      staffId: cashier,
      severity: 'warning',
    });
  });
});

describe('sessions', () => {
  it('auto-locks after the policy idle time, and activity keeps it awake', async () => {
    await signInAs(cashier);
    t.clock.advance(4 * 60);
    await t.call('session.activity');
    t.clock.advance(4 * 60);
    t.core.session.tick();
    expect(t.core.session.view().state).toBe('signed_in');
    t.clock.advance(60);
    t.core.session.tick();
    expect(t.core.session.view()).toMatchObject({ state: 'locked', reason: 'idle', lockedStaff: { id: cashier } });
    expect(audit().at(-1)).toMatchObject({ action: 'staff.session_locked', actor: cashier });
  });

  it('locks an idle session before authorising a call, even between timer ticks', async () => {
    await signInAs(admin);
    t.clock.advance(5 * 60);
    expect(await t.call('staff.listAll')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('takes the idle time from policy', async () => {
    t.close();
    t = await terminalFixture({ policy: { policies: { autoLockMinutes: 1 } } });
    const id = await t.addStaff('Solo', 'cashier', '482913');
    expect((await t.core.session.signIn(id, '482913')).outcome).toBe('signed_in');
    t.clock.advance(60);
    t.core.session.tick();
    expect(t.core.session.view().state).toBe('locked');
  });

  it('pushes every change to the page as an event', async () => {
    const seen: string[] = [];
    t.core.events.attach((name, payload) => seen.push(`${name}:${(payload as { state: string }).state}`));
    await signInAs(cashier);
    t.core.session.lock('os_lock');
    await signInAs(cashier);
    t.core.session.signOut();
    expect(seen).toEqual([
      'session.changed:signed_in',
      'session.changed:locked',
      'session.changed:signed_in',
      'session.changed:signed_out',
    ]);
  });

  it('resumes a locked session for the same staff member', async () => {
    await signInAs(cashier);
    t.core.session.lock('manual');
    await signInAs(cashier);
    const last = t.storage.db
      .prepare('SELECT action, actor_id AS actor, details_json AS details FROM audit_log ORDER BY seq DESC LIMIT 1')
      .get();
    expect(last).toEqual({ action: 'staff.sign_in', actor: cashier, details: '{"resumed":true}' });
    const { readFileSync } = await import('node:fs');
    const log = readFileSync(t.storage.appLog.path.replace('app.log', 'security.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(log.at(-1)).toMatchObject({ type: 'auth.session', staffId: cashier, change: 'unlocked' });
    expect(t.core.session.view()).toMatchObject({ state: 'signed_in', staff: { id: cashier } });
  });

  it('does not complete a sign-in whose PIN check outlived an OS lock', async () => {
    const pending = t.core.session.signIn(cashier, '482913');
    t.core.session.lock('os_lock');
    expect(await pending).toMatchObject({ outcome: 'not_allowed' });
    expect(t.core.session.view().state).toBe('signed_out');
  });

  it("ends a deactivated staff member's session at once, locked or not, recording why", async () => {
    await signInAs(cashier);
    t.core.session.lock('idle');
    // Staff arriving from the API (sync) can be deactivated while their session is locked.
    t.core.staff.repository.update(cashier, { active: false });
    t.core.session.endFor(cashier, 'deactivated');
    expect(t.core.session.view().state).toBe('signed_out');
    const last = t.storage.db
      .prepare('SELECT action, actor_id AS actor, details_json AS details FROM audit_log ORDER BY seq DESC LIMIT 1')
      .get();
    expect(last).toEqual({ action: 'staff.sign_out', actor: cashier, details: '{"reason":"deactivated"}' });
  });

  it('leaves the session alone when an admin deactivates somebody else', async () => {
    await signInAs(admin);
    expect(await t.call('staff.setActive', { id: cashier, active: false })).toMatchObject({ ok: true, data: { active: false } });
    expect(t.core.session.view()).toMatchObject({ state: 'signed_in', staff: { id: admin } });
    expect((await t.core.session.signIn(cashier, '482913')).outcome).toBe('not_allowed');
  });

  describe('with a sale open', () => {
    let other: string;
    beforeEach(async () => {
      other = await t.addStaff('Otto', 'cashier', '135790');
      PINS[other] = '135790';
    });

    it('lets only the same staff member or a manager take over a locked session', async () => {
      t.close();
      t = await terminalFixture();
      const c = await t.addStaff('Cass', 'cashier', '482913');
      const o = await t.addStaff('Otto', 'cashier', '135790');
      const m = await t.addStaff('Manny', 'manager', '205837');
      expect((await t.core.session.signIn(c, '482913')).outcome).toBe('signed_in');
      await startSale(t);
      t.core.session.lock('idle');
      const refused = { outcome: 'not_allowed', message: 'Cass has a sale open: only Cass or a manager can carry on.' };
      expect(await t.core.session.signIn(o, '135790')).toEqual(refused);
      // Signing out does not end a locked session, so it is no way around the rule either.
      expect(await t.call('session.signOut')).toMatchObject({ ok: true, data: { state: 'locked' } });
      expect(await t.core.session.signIn(o, '135790')).toEqual(refused);
      expect((await t.core.session.signIn(m, '205837')).outcome).toBe('signed_in');
      expect(t.core.session.view()).toMatchObject({ state: 'signed_in', staff: { id: m } });
    });

    it('keeps the open-sale rule across a restart of the terminal', async () => {
      t.close();
      t = await terminalFixture();
      const c = await t.addStaff('Cass', 'cashier', '482913');
      const o = await t.addStaff('Otto', 'cashier', '135790');
      expect((await t.core.session.signIn(c, '482913')).outcome).toBe('signed_in');
      await startSale(t);
      // A new core over the same database (as after a restart) starts signed out, but the sale is still Cass's.
      t = t.restart();
      expect(t.core.session.view().state).toBe('signed_out');
      expect(await t.core.session.signIn(o, '135790')).toMatchObject({ outcome: 'not_allowed' });
      expect((await t.core.session.signIn(c, '482913')).outcome).toBe('signed_in');
    });

    it('lets anyone sign in over a locked session with nothing open, signing the other out', async () => {
      await signInAs(cashier);
      t.core.session.lock('idle');
      await signInAs(other);
      expect(audit().slice(-2)).toEqual([
        expect.objectContaining({ action: 'staff.sign_out', actor: cashier }),
        expect.objectContaining({ action: 'staff.sign_in', actor: other }),
      ]);
    });
  });

  it('signs out with an audit record, and signing out is always allowed', async () => {
    await signInAs(cashier);
    expect(await t.call('session.signOut')).toMatchObject({ ok: true, data: { state: 'signed_out' } });
    expect(await t.call('session.signOut')).toMatchObject({ ok: true, data: { state: 'signed_out' } });
    expect(audit().at(-1)).toMatchObject({ action: 'staff.sign_out', actor: cashier });
  });
});

describe('manager approval', () => {
  const grant = (pin: string, request: unknown = { reason: 'change' }, approverId = manager, channel = 'drawer.open') =>
    t.call<{ outcome: string }>('approvals.grant', { approverId, pin, channel, request });

  beforeEach(async () => {
    await signInAs(cashier);
  });

  it('lets a manager approve one exact action on the spot, recorded with both staff ids', async () => {
    expect(await t.call('drawer.open', { reason: 'change' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await grant('205837')).toMatchObject({ ok: true, data: { outcome: 'approved' } });
    expect(await t.call('drawer.open', { reason: 'change' })).toMatchObject({ ok: true });
    expect(audit().slice(-2)).toEqual([
      { action: 'override.approved', actor: cashier, approver: manager, target: 'drawer.open' },
      { action: 'drawer.opened', actor: cashier, approver: manager, target: null },
    ]);
    // One action only: the same call again is refused.
    expect(await t.call('drawer.open', { reason: 'change' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('covers only the request it was granted for', async () => {
    await grant('205837', { reason: 'change' });
    expect(await t.call('drawer.open', { reason: 'no_sale' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t.call('staff.listAll')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t.call('drawer.open', { reason: 'change' })).toMatchObject({ ok: true });
  });

  it('is dropped when another staff member signs in', async () => {
    await grant('205837');
    t.core.session.signOut();
    const other = await t.addStaff('Otto', 'cashier', '135790');
    expect((await t.core.session.signIn(other, '135790')).outcome).toBe('signed_in');
    expect(await t.call('drawer.open', { reason: 'change' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a request the action would not accept', async () => {
    expect(await grant('205837', { reason: 'change', extra: true })).toMatchObject({ ok: true, data: { outcome: 'not_allowed' } });
    // Not JSON data at all: refused at the boundary, before any schema runs.
    expect(await grant('205837', { reason: new Date() as unknown as string })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });

  it('expires, and is dropped when the session locks', async () => {
    await grant('205837');
    t.clock.advance(121);
    expect(await t.call('drawer.open', { reason: 'change' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await grant('205837');
    t.core.session.lock('manual');
    await signInAs(cashier);
    expect(await t.call('drawer.open', { reason: 'change' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses approvers without the right, and actions that need none', async () => {
    const other = await t.addStaff('Otto', 'cashier', '135790');
    expect(await grant('135790', { reason: 'change' }, other)).toMatchObject({ ok: true, data: { outcome: 'not_allowed' } });
    expect(await grant('205837', {}, manager, 'staff.listAll')).toMatchObject({ ok: true, data: { outcome: 'not_allowed' } });
    expect(await grant('205837', undefined, manager, 'session.lock')).toMatchObject({ ok: true, data: { outcome: 'not_allowed' } });
    expect(await grant('205837', undefined, manager, 'nope.nope')).toMatchObject({ ok: true, data: { outcome: 'not_allowed' } });
  });

  it("applies the lockout rules to the manager's PIN", async () => {
    for (let i = 0; i < 4; i++) expect(await grant(`90000${i}`)).toMatchObject({ ok: true, data: { outcome: 'wrong_pin' } });
    t.clock.advance(1);
    expect(await grant('900009')).toMatchObject({ ok: true, data: { outcome: 'locked_out' } });
    t.clock.advance(1);
    expect(await grant('205837')).toMatchObject({ ok: true, data: { outcome: 'locked_out' } });
  });
});
