import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE128_QUIET_ZONE,
  canEncodeCode128B,
  code128BValues,
  code128Checksum,
  code128Drawing,
  code128Modules,
  code128Widths,
} from '../../../shared/domain/code128';

/** Module rows as dumped by zint 2.11.1 (`zint -b 60 --dump -d TEXT`, code set B only): hex, last nibble padded. */
const ZINT_DUMPS: [string, string][] = [
  ['TILL-1-000042', 'D2 1B 8B 11 46 E8 DD 37 27 34 DC 9D 93 B2 76 4E CC 9D 9C B1 B6 3A C'],
  ['Wikipedia', 'D2 1D 1A 1A 61 28 69 4F 2C 84 26 86 92 C3 C9 63 AC'],
  ['PJJ123C', 'D2 1D DA DC 5B 89 CD 9C B2 E4 46 E8 D8 EB'],
  ['HI345678', 'D2 18 A3 11 65 CC 9D B9 33 A7 6E E9 9C 9B 1D 6'],
];

function hexToModules(hex: string, length: number): string {
  const bits = hex
    .split(' ')
    .map((byte) =>
      parseInt(byte, 16)
        .toString(2)
        .padStart(byte.length * 4, '0'),
    )
    .join('');
  return bits.slice(0, length);
}

/** Reads modules back into symbol values with the width table: the inverse of the encoder. */
function decode(modules: string): number[] {
  const byPattern = new Map(Array.from({ length: 107 }, (_, v) => [code128Widths(v).join(''), v]));
  const values: number[] = [];
  let at = 0;
  while (at < modules.length) {
    const runs = [...modules.slice(at).matchAll(/1+|0+/g)].map((m) => m[0].length);
    const isStop = modules.length - at === 13;
    const widths = runs.slice(0, isStop ? 7 : 6);
    const value = byPattern.get(widths.join(''));
    if (value === undefined) throw new Error(`no symbol at module ${at}`);
    values.push(value);
    at += widths.reduce((a, b) => a + b, 0);
  }
  return values;
}

describe('Code 128 (set B)', () => {
  it('has a well-formed symbol table: 107 distinct patterns, 11 modules each (stop 13), bars even and spaces odd', () => {
    const patterns = Array.from({ length: 107 }, (_, v) => code128Widths(v));
    expect(new Set(patterns.map((p) => p.join(''))).size).toBe(107);
    for (const [value, widths] of patterns.entries()) {
      const bars = widths.filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0);
      const spaces = widths.filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0);
      expect(bars + spaces).toBe(value === 106 ? 13 : 11);
      expect(bars % 2).toBe(0);
      if (value !== 106) expect(spaces % 2).toBe(1);
    }
    expect(() => code128Widths(107)).toThrow(RangeError);
  });

  it('matches the published module strings for start B, stop, digits and check symbols (ZXing Code128WriterTestCase)', () => {
    const modules = (value: number) =>
      code128Widths(value)
        .map((w, i) => (i % 2 === 0 ? '1' : '0').repeat(w))
        .join('');
    expect(modules(104)).toBe('11010010000');
    expect(modules(106)).toBe('1100011101011');
    expect(code128Modules('123').slice(11, 44)).toBe('10011100110' + '11001110010' + '11001011100');
    // FNC3, FNC2 and FNC4 in set B, and the check symbols of "<FNCn>123" (104 + FNC + 2·17 + 3·18 + 4·19, mod 103).
    expect([modules(96), modules(97), modules(100)]).toEqual(['10111100010', '11110101000', '10111101110']);
    expect([
      code128Checksum(104, [96, 17, 18, 19]),
      code128Checksum(104, [97, 17, 18, 19]),
      code128Checksum(104, [100, 17, 18, 19]),
    ]).toEqual([55, 56, 59]);
    expect([modules(55), modules(56), modules(59)]).toEqual(['11101000110', '11100010110', '11100011010']);
  });

  it.each(ZINT_DUMPS)('encodes %s exactly as zint does', (text, hex) => {
    const expected = hexToModules(hex, 11 * (text.length + 3) + 2);
    expect(code128Modules(text)).toBe(expected);
  });

  it('computes the worked checksum of a receipt number', () => {
    // T=52 I=41 L=44 L=44 -=13 1=17 -=13 0=16 0=16 0=16 0=16 4=20 2=18
    const data = [52, 41, 44, 44, 13, 17, 13, 16, 16, 16, 16, 20, 18];
    const weighted = 104 + data.reduce((sum, v, i) => sum + v * (i + 1), 0);
    expect(code128Checksum(104, data)).toBe(weighted % 103);
    expect(code128BValues('TILL-1-000042')).toEqual([104, ...data, weighted % 103, 106]);
  });

  it('property: any printable text reads back to start B, its characters, a correct check symbol and stop', () => {
    const printable = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 40,
    });
    fc.assert(
      fc.property(printable, (text) => {
        const modules = code128Modules(text);
        expect(modules).toHaveLength(11 * (text.length + 3) + 2);
        const values = decode(modules);
        const data = values.slice(1, -2);
        expect(values[0]).toBe(104);
        expect(values.at(-1)).toBe(106);
        expect(String.fromCharCode(...data.map((v) => v + 32))).toBe(text);
        const sum = values[0]! + data.reduce((acc, v, i) => acc + v * (i + 1), 0);
        expect(values.at(-2)).toBe(sum % 103);
      }),
    );
  });

  it('draws bars within the quiet zones that cover exactly the dark modules', () => {
    const drawing = code128Drawing('TILL-1-000042');
    const modules = code128Modules('TILL-1-000042');
    expect(drawing.widthModules).toBe(modules.length + 2 * CODE128_QUIET_ZONE);
    const painted = Array.from({ length: drawing.widthModules }, () => '0');
    for (const bar of drawing.bars) for (let x = bar.x; x < bar.x + bar.width; x++) painted[x] = '1';
    expect(painted.join('')).toBe('0'.repeat(10) + modules + '0'.repeat(10));
  });

  it('refuses what set B cannot encode', () => {
    for (const text of ['', 'é', 'TILL\n1', 'x'.repeat(81)]) {
      expect(canEncodeCode128B(text)).toBe(false);
      expect(() => code128BValues(text)).toThrow(RangeError);
    }
  });
});
