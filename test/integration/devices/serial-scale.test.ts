import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE_SETTINGS, type ScaleSettings } from '../../../shared/domain/devices';
import { openSerialLink } from '../../../electron/main/devices/links/serial-link';
import { SerialScale } from '../../../electron/main/devices/scale/serial-scale';
import { ToledoScaleSimulator, VirtualSerialPair } from '../../support/serial-devices';

// The real `serialport` code over a socat virtual pair, a Toledo 8217 simulator on the other end.

let pair: VirtualSerialPair;
let simulator: ToledoScaleSimulator;
let scale: SerialScale;

beforeEach(async () => {
  pair = await VirtualSerialPair.open();
  simulator = await ToledoScaleSimulator.start(pair);
  const settings: ScaleSettings = { ...DEFAULT_DEVICE_SETTINGS.scale, kind: 'serial', serialPath: pair.terminalEnd, maxGrams: 15_000 };
  scale = new SerialScale({ settings: () => settings, openLink: openSerialLink, timeouts: { openMs: 1_000, answerMs: 300, settleMs: 1_500, retryMs: 50 } });
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
