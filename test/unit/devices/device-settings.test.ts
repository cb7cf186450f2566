import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../support/register-steps';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

let t: TerminalFixture;
afterEach(() => t.close());

async function asAdmin(policy?: object): Promise<void> {
  t = await terminalFixture(policy ? { policy } : {});
  const admin = await t.addStaff('Ada', 'admin', '482913');
  expect((await t.core.session.signIn(admin, '482913')).outcome).toBe('signed_in');
}

describe('device settings', () => {
  it('start as before: the OS print dialog, no drawer, display or scale', async () => {
    await asAdmin();
    const status = await ok<{ printer: { state: string }; drawer: { connection: string } }>(t, 'devices.status', {});
    expect(status).toMatchObject({
      printer: { connection: 'os_dialog', state: 'os_dialog' },
      drawer: { connection: 'none' },
      customerDisplay: { kind: 'none' },
      scale: { kind: 'none' },
    });
  });

  it('are changed by an admin, audited, and refused when malformed', async () => {
    await asAdmin();
    await ok(t, 'settings.update', { devices: { printer: { connection: 'tcp', host: '192.168.1.50', port: 9100 } } });
    const audit = t.storage.db.prepare("SELECT target FROM audit_log WHERE action = 'settings.changed'").all();
    expect(audit).toEqual([{ target: 'devices.printer.connection,devices.printer.host,devices.printer.port' }]);
    for (const bad of [
      { host: 'printer;rm -rf' },
      { port: 70_000 },
      { serialPath: '../../etc/passwd' },
      { usbPath: '/dev/sda' },
      { paper: '112mm' },
    ]) {
      expect(await t.call('settings.update', { devices: { printer: bad } }), JSON.stringify(bad)).toMatchObject({
        ok: false,
        error: { code: 'invalid_request' },
      });
    }
    expect(await t.call('settings.update', { devices: { drawer: { onMs: 600 } } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });

  it('are locked where the machine policy sets them', async () => {
    await asAdmin({ devices: { printer: { connection: 'tcp', host: '10.0.0.9' } } });
    const view = await ok<{ locked: string[] }>(t, 'settings.get');
    expect(view.locked).toEqual(expect.arrayContaining(['devices.printer.connection', 'devices.printer.host']));
    expect(await t.call('settings.update', { devices: { printer: { host: '10.0.0.10' } } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await ok(t, 'settings.update', { devices: { printer: { paper: '58mm_32' } } });
  });

  it('test buttons need manage:settings and are audited', async () => {
    await asAdmin();
    expect(await ok(t, 'devices.test', { device: 'scale' })).toEqual({ ok: false, message: 'No scale is set up on this terminal.' });
    expect(t.storage.db.prepare("SELECT target FROM audit_log WHERE action = 'device.tested'").all()).toEqual([{ target: 'scale' }]);
    const cashier = await t.addStaff('Cass', 'cashier', '111111');
    await t.core.session.signOut();
    await t.core.session.signIn(cashier, '111111');
    expect(await t.call('devices.test', { device: 'drawer' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
