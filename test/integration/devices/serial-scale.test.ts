import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE_SETTINGS, type ScaleSettings } from '../../../shared/domain/devices';
import { openSerialLink } from '../../../electron/main/devices/links/serial-link';
import { SerialScale } from '../../../electron/main/devices/scale/serial-scale';
import { ToledoScaleSimulator, VirtualSerialPair } from '../../support/serial-devices';
import { ok } from '../../support/register-steps';
import { terminalFixture } from '../../support/terminal-fixture';

// The real `serialport` code over a socat virtual pair, a Toledo 8217 simulator on the other end.

let pair: VirtualSerialPair;
let simulator: ToledoScaleSimulator;
let scale: SerialScale;

beforeEach(async () => {
  pair = await VirtualSerialPair.open();
  simulator = await ToledoScaleSimulator.start(pair);
  const settings: ScaleSettings = { ...DEFAULT_DEVICE_SETTINGS.scale, kind: 'serial', serialPath: pair.terminalEnd, maxGrams: 15_000 };
  scale = new SerialScale({
    settings: () => settings,
    openLink: openSerialLink,
    timeouts: { openMs: 1_000, answerMs: 300, settleMs: 1_500, retryMs: 50 },
  });
});
afterEach(async () => {
  await simulator.close();
  await pair.close();
});

describe('a Toledo 8217 scale on a serial port', () => {
  it('reads a steady weight in grams', async () => {
    simulator.script = [452];
    expect(await scale.weigh()).toEqual({ ok: true, grams: 452 });
    expect(simulator.requests).toEqual(['W']);
  });

  it('waits out an unsteady scale and takes the weight once it is steady', async () => {
    simulator.script = ['unstable', 'unstable', 1_234];
    expect(await scale.weigh()).toEqual({ ok: true, grams: 1_234 });
    expect(simulator.requests).toEqual(['W', 'W', 'W']);
  });

  it('gives up on a scale that never settles', async () => {
    simulator.script = ['unstable'];
    expect(await scale.weigh()).toMatchObject({ ok: false, problem: 'unstable', message: expect.stringMatching(/not steady/) });
  });

  it.each([
    ['overload', 'overload', /Too heavy.*15 kg/],
    ['a weight over its capacity', 15_001, /Too heavy/],
    ['negative', 'negative', /below zero/],
    ['an empty scale', 0, /Nothing is on the scale/],
    ['no answer', 'silent', /did not answer/],
  ] as const)('refuses %s with words a cashier can act on', async (_name, answer, message) => {
    simulator.script = [answer];
    expect(await scale.weigh()).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });

  it('says the scale was disconnected mid-read', async () => {
    simulator.script = ['unplug'];
    expect(await scale.weigh()).toMatchObject({ ok: false, problem: expect.stringMatching(/disconnected|no_answer/) });
  });

  it('sends zero and tare', async () => {
    expect(await scale.command('zero')).toEqual({ ok: true, grams: 0 });
    expect(await scale.command('tare')).toEqual({ ok: true, grams: 0 });
    expect(simulator.requests).toEqual(['Z', 'T']);
  });
});

describe('weighed lines with a scale set up', () => {
  const APPLES = '2000000000008'; // 2.99 / kg, weighed

  it('takes the scale’s steady weight; a weight typed by hand needs a manager and is audited', async () => {
    const t = await terminalFixture();
    try {
      t.storage.settings.update({ devices: { scale: { kind: 'serial', serialPath: pair.terminalEnd } } }, null);
      const cashier = await t.addStaff('Cass', 'cashier', '482913');
      const manager = await t.addStaff('Manny', 'manager', '205837');
      expect((await t.core.session.signIn(cashier, '482913')).outcome).toBe('signed_in');
      await ok(t, 'shifts.open', { floatMinor: 5_000 });
      simulator.script = [452];
      expect(await ok(t, 'devices.weigh', {})).toEqual({ ok: true, grams: 452 });
      expect(await ok(t, 'sales.addByBarcode', { code: APPLES, quantity: 452 })).toMatchObject({ outcome: 'added' });
      // The reading was used once: the same grams again, typed, are an override.
      expect(await t.call('sales.addByBarcode', { code: APPLES, quantity: 452 })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      const typed = { code: APPLES, quantity: 1_000 };
      expect(await t.call('sales.addByBarcode', typed)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      await ok(t, 'approvals.grant', { approverId: manager, pin: '205837', channel: 'sales.addByBarcode', request: typed });
      expect(await ok(t, 'sales.addByBarcode', typed)).toMatchObject({ outcome: 'added' });
      const audited = t.storage.db.prepare("SELECT actor_id, approver_id FROM audit_log WHERE action = 'sale.weight_entered'").all();
      expect(audited).toEqual([{ actor_id: cashier, approver_id: manager }]);
      // Unit products are not weights: no override for a quantity of milk.
      expect(await ok(t, 'sales.addByBarcode', { code: '4006381333931', quantity: 3 })).toMatchObject({ outcome: 'added' });
    } finally {
      await t.core.devices.idle();
      t.close();
    }
  });
});
