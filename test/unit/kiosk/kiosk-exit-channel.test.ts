import { afterEach, describe, expect, it } from 'vitest';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

let t: TerminalFixture | undefined;
afterEach(() => t?.close());

function host() {
  const state = { active: true, left: 0 };
  return { state, host: { active: () => state.active, leave: () => void ((state.active = false), state.left++) } };
}

describe('kiosk.exit channel', () => {
  it('lets a signed-in admin out with their PIN, audited', async () => {
    const k = host();
    t = await terminalFixture({ kiosk: k.host });
    const admin = await t.addStaff('Ada', 'admin', '739164');
    expect(await t.call('kiosk.status')).toEqual({ ok: true, data: { active: true } });
    expect(await t.call('kiosk.exit', { pin: '739164' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await t.core.session.signIn(admin, '739164');
    expect(await t.call('kiosk.exit', { pin: '111111' })).toEqual({
      ok: true,
      data: { outcome: 'wrong_pin', attemptsLeft: expect.any(Number) },
    });
    expect(k.state.left).toBe(0);
    expect(await t.call('kiosk.exit', { pin: '739164' })).toEqual({ ok: true, data: { outcome: 'exited' } });
    expect(k.state.left).toBe(1);
    expect(await t.call('kiosk.status')).toEqual({ ok: true, data: { active: false } });
    const actions = (t.storage.db.prepare('SELECT action FROM audit_log').all() as { action: string }[]).map((r) => r.action);
    expect(actions).toContain('kiosk.exited');
  });

  it('refuses a manager or cashier, whatever their PIN', async () => {
    const k = host();
    t = await terminalFixture({ kiosk: k.host });
    const manager = await t.addStaff('Max', 'manager', '582913');
    await t.core.session.signIn(manager, '582913');
    expect(await t.call('kiosk.exit', { pin: '582913' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(k.state.left).toBe(0);
  });

  it('is not on, and cannot be left, where the host has no kiosk (browser host, development)', async () => {
    t = await terminalFixture();
    const admin = await t.addStaff('Ada', 'admin', '739164');
    await t.core.session.signIn(admin, '739164');
    expect(await t.call('kiosk.status')).toEqual({ ok: true, data: { active: false } });
    expect(await t.call('kiosk.exit', { pin: '739164' })).toEqual({
      ok: true,
      data: { outcome: 'not_allowed', message: 'Kiosk mode is not on.' },
    });
  });
});
