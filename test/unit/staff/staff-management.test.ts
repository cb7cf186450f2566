import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

let t: TerminalFixture;
beforeEach(async () => {
  t = await terminalFixture();
});
afterEach(() => t.close());

const audit = () =>
  t.storage.db.prepare('SELECT action, actor_id AS actor, target, details_json AS details FROM audit_log ORDER BY seq').all() as Record<
    string,
    string
  >[];

async function setUp(): Promise<string> {
  const result = await t.call<{ state: string; staff: { id: string } }>('staff.setupFirstAdmin', { name: 'Ada Admin', pin: '739164' });
  if (!result.ok) throw new Error(result.error.message);
  return result.data.staff.id;
}

describe('first run', () => {
  it('asks for the first admin, and nothing else works until then', async () => {
    expect(await t.call('session.get')).toMatchObject({ ok: true, data: { state: 'setup_required', pinLength: 6 } });
    expect(await t.call('staff.list')).toEqual({ ok: true, data: [] });
    expect(await t.call('staff.listAll')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await t.core.session.signIn('st_abcdefabcdef', '123456')).outcome).toBe('not_allowed');
  });

  it('creates the first admin and signs them in', async () => {
    const id = await setUp();
    expect(t.core.session.view()).toMatchObject({ state: 'signed_in', staff: { id, name: 'Ada Admin', role: 'admin' } });
    expect(audit().map((r) => r.action)).toEqual(['staff.created', 'staff.sign_in']);
  });

  it('refuses a second set-up and a trivial first PIN', async () => {
    expect(await t.call('staff.setupFirstAdmin', { name: 'Ada', pin: '123456' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: expect.stringMatching(/run of digits/) },
    });
    await setUp();
    expect(await t.call('staff.setupFirstAdmin', { name: 'Mallory', pin: '582913' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('only lets one of two simultaneous set-ups win', async () => {
    const results = await Promise.all([
      t.call('staff.setupFirstAdmin', { name: 'One', pin: '582913' }),
      t.call('staff.setupFirstAdmin', { name: 'Two', pin: '682913' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(t.core.staff.repository.count()).toBe(1);
  });
});

describe('staff management (admin)', () => {
  let adminId: string;
  beforeEach(async () => {
    adminId = await setUp();
  });

  it('adds, renames, changes role, resets PIN and deactivates, auditing each without the PIN', async () => {
    const created = await t.call<{ id: string }>('staff.create', { name: 'Cass', role: 'cashier', pin: '482913' });
    if (!created.ok) throw new Error('create failed');
    const id = created.data.id;
    expect(await t.call('staff.update', { id, name: 'Cassie' })).toMatchObject({ ok: true, data: { name: 'Cassie', role: 'cashier' } });
    expect(await t.call('staff.update', { id, role: 'manager' })).toMatchObject({ ok: true, data: { role: 'manager' } });
    expect(await t.call('staff.resetPin', { id, pin: '582914' })).toMatchObject({ ok: true });
    expect(await t.call('staff.setActive', { id, active: false })).toMatchObject({ ok: true, data: { active: false } });
    expect(await t.call('staff.list')).toMatchObject({ ok: true, data: [{ id: adminId }] });
    expect(await t.call('staff.listAll')).toMatchObject({ ok: true, data: [{ id: adminId }, { id, active: false }] });
    const rows = audit().slice(2);
    expect(rows.map((r) => [r.action, r.actor, r.target])).toEqual([
      ['staff.created', adminId, id],
      ['staff.changed', adminId, id],
      ['staff.changed', adminId, id],
      ['staff.changed', adminId, id],
      ['staff.changed', adminId, id],
    ]);
    expect(JSON.stringify(audit())).not.toMatch(/482913|582914/);
    // The new PIN works; the old one does not.
    t.core.staff.repository.update(id, { active: true });
    expect((await t.core.session.signIn(id, '482913')).outcome).toBe('wrong_pin');
    expect((await t.core.session.signIn(id, '582914')).outcome).toBe('signed_in');
  });

  it('holds new PINs to the policy length and refuses the previous PIN', async () => {
    const created = await t.call<{ id: string }>('staff.create', { name: 'Cass', role: 'cashier', pin: '482913' });
    const id = created.ok ? created.data.id : '';
    expect(await t.call('staff.create', { name: 'Short', role: 'cashier', pin: '4829' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await t.call('staff.resetPin', { id, pin: '482913' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/different from the previous/) },
    });
    expect(await t.call('staff.resetPin', { id, pin: '999999' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/repeated/) },
    });
    await t.call('staff.resetPin', { id, pin: '582914' });
    expect(await t.call('staff.resetPin', { id, pin: '482913' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/different from the previous/) },
    });
  });

  it('never removes the last active admin, and nobody deactivates themselves', async () => {
    expect(await t.call('staff.setActive', { id: adminId, active: false })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await t.call('staff.update', { id: adminId, role: 'manager' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'At least one active admin must remain.' },
    });
  });

  it('is refused to a manager', async () => {
    const created = await t.call<{ id: string }>('staff.create', { name: 'Manny', role: 'manager', pin: '205837' });
    const id = created.ok ? created.data.id : '';
    expect((await t.core.session.signIn(id, '205837')).outcome).toBe('signed_in');
    expect(await t.call('staff.create', { name: 'X', role: 'admin', pin: '582913' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await t.call('staff.setActive', { id: adminId, active: false })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('signs a deactivated staff member out at their next call', async () => {
    const created = await t.call<{ id: string }>('staff.create', { name: 'Cass', role: 'cashier', pin: '482913' });
    const id = created.ok ? created.data.id : '';
    expect((await t.core.session.signIn(id, '482913')).outcome).toBe('signed_in');
    t.core.staff.repository.update(id, { active: false });
    expect(await t.call('session.lock')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(t.core.session.view().state).toBe('signed_out');
  });
});
