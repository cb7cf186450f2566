import { describe, expect, it } from 'vitest';
import { ADAM, gramsOf, SMA, TOLEDO_8217 } from '../../../electron/main/devices/scale/scale-protocols';

describe('scale protocols', () => {
  it('turns decimal text into whole grams without floats', () => {
    expect(gramsOf('0.452', 'kg')).toBe(452);
    expect(gramsOf('01.2345', 'kg')).toBe(1235);
    expect(gramsOf('12', 'kg')).toBe(12_000);
    expect(gramsOf('452', 'g')).toBe(452);
    expect(gramsOf('452.5', 'g')).toBeNull();
    expect(gramsOf('1e3', 'kg')).toBeNull();
  });

  it('reads Toledo 8217 weights and status bytes', () => {
    expect(TOLEDO_8217.parse('\x0201.234\r')).toEqual({ kind: 'stable', grams: 1234 });
    expect(TOLEDO_8217.parse('\x02?A\r')).toEqual({ kind: 'unstable' });
    expect(TOLEDO_8217.parse('\x02?B\r')).toEqual({ kind: 'overload' });
    expect(TOLEDO_8217.parse('\x02?D\r')).toEqual({ kind: 'negative' });
    expect(TOLEDO_8217.parse('garbage\r')).toEqual({ kind: 'unreadable' });
  });

  it('reads Adam lines: steady, unsteady, overload, negative, grams', () => {
    expect(ADAM.parse('ST,GS,+  0.452 kg\r')).toEqual({ kind: 'stable', grams: 452 });
    expect(ADAM.parse('\n   1.5kg\r')).toEqual({ kind: 'stable', grams: 1500 });
    expect(ADAM.parse('US,GS,+  0.452 kg\r')).toEqual({ kind: 'unstable' });
    expect(ADAM.parse('OL\r')).toEqual({ kind: 'overload' });
    expect(ADAM.parse('ST,GS,-  0.020 kg\r')).toEqual({ kind: 'negative' });
    expect(ADAM.parse('ST,GS,+  452 g\r')).toEqual({ kind: 'stable', grams: 452 });
  });

  it('reads SMA frames: status, motion and unit', () => {
    expect(SMA.parse('\n 1G    0000.452kg \r')).toEqual({ kind: 'stable', grams: 452 });
    expect(SMA.parse('\n 1GM   0000.452kg \r')).toEqual({ kind: 'unstable' });
    expect(SMA.parse('\nO1G    0000.000kg \r')).toEqual({ kind: 'overload' });
    expect(SMA.parse('\nU1G    -000.010kg \r')).toEqual({ kind: 'negative' });
    expect(SMA.parse('\n 1G    0000.452lb \r')).toEqual({ kind: 'unreadable' });
  });
});
