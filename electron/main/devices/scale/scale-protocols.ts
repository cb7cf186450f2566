import type { ScaleSettings } from '../../../../shared/domain/devices';

/** What one answer of a scale says. Weights are whole grams, read from the scale's decimal text exactly. */
export type ScaleReading =
  { kind: 'stable'; grams: number } | { kind: 'unstable' } | { kind: 'overload' } | { kind: 'negative' } | { kind: 'unreadable' };

export interface ScaleProtocol {
  weigh: Uint8Array;
  zero: Uint8Array;
  tare: Uint8Array;
  /** Every answer ends with this byte (CR). */
  end: number;
  /** Some scales beep or lock up when asked again too soon (Adam). */
  minIntervalMs: number;
  parse(frame: string): ScaleReading;
}

const ascii = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
const CR = 0x0d;
const STX = '\u0002';

/** "1.234" kg or "1234" g as whole grams, without floats; null when it is not a plain decimal. */
export function gramsOf(number: string, unit: 'kg' | 'g'): number | null {
  const match = /^(\d{1,6})(?:\.(\d{1,4}))?$/.exec(number);
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  if (unit === 'g') return fraction.replace(/0/g, '') === '' ? Number(whole) : null;
  // kg to grams: the first three decimals are grams; a fourth rounds half up.
  const padded = fraction.padEnd(4, '0');
  const grams = Number(whole) * 1000 + Number(padded.slice(0, 3));
  return Number(padded[3]) >= 5 ? grams + 1 : grams;
}

/**
 * Mettler Toledo 8217 (9600 7E1): `W` asks for the weight; a steady weight comes back as
 * STX "01.234" CR (kg), anything else as STX "?" status CR, the status byte's bits saying
 * motion (0), over capacity (1) and under zero (2).
 */
export const TOLEDO_8217: ScaleProtocol = {
  weigh: ascii('W'),
  zero: ascii('Z'),
  tare: ascii('T'),
  end: CR,
  minIntervalMs: 0,
  parse(frame) {
    if (!frame.startsWith(STX)) return { kind: 'unreadable' };
    const body = frame.slice(1);
    const weight = /^\s*(\d{1,6}(?:\.\d{1,4})?)\s*(?:kg)?\r$/i.exec(body);
    if (weight?.[1]) {
      const grams = gramsOf(weight[1], 'kg');
      return grams === null ? { kind: 'unreadable' } : { kind: 'stable', grams };
    }
    const status = /^\?(.)\r$/s.exec(body);
    if (!status?.[1]) return { kind: 'unreadable' };
    const bits = status[1].charCodeAt(0);
    if (bits & 0x02) return { kind: 'overload' };
    if (bits & 0x04) return { kind: 'negative' };
    if (bits & 0x01) return { kind: 'unstable' };
    return { kind: 'unreadable' };
  },
};

/** Adam Equipment (4800 8N1): `P` CR LF prints the weight as e.g. `ST,GS,+  0.123 kg`; US = unsteady, OL = overload. */
export const ADAM: ScaleProtocol = {
  weigh: ascii('P\r\n'),
  zero: ascii('Z\r\n'),
  tare: ascii('T\r\n'),
  end: CR,
  minIntervalMs: 500,
  parse(frame) {
    const text = frame.replace(/^[\n\r]+/, '').trimEnd();
    if (/\bOL\b|overload/i.test(text)) return { kind: 'overload' };
    if (/^US\b/i.test(text)) return { kind: 'unstable' };
    const weight = /(?:^|,)\s*([+-])?\s*(\d{1,6}(?:\.\d{1,4})?)\s*(kg|g)$/i.exec(text);
    if (!weight?.[2] || !weight[3]) return { kind: 'unreadable' };
    if (weight[1] === '-' && Number(weight[2]) !== 0) return { kind: 'negative' };
    const grams = gramsOf(weight[2], weight[3].toLowerCase() as 'kg' | 'g');
    return grams === null ? { kind: 'unreadable' } : { kind: 'stable', grams };
  },
};

/**
 * SMA (Scale Manufacturers Association, e.g. NCI): LF W CR asks; the answer is
 * LF s r n m f <weight, 10> <unit, 3> CR LF: s = status (O over capacity, U under zero, Z, space),
 * m = motion (M moving).
 */
export const SMA: ScaleProtocol = {
  weigh: ascii('\nW\r'),
  zero: ascii('\nZ\r'),
  tare: ascii('\nT\r'),
  end: CR,
  minIntervalMs: 0,
  parse(frame) {
    const match = /^\n?(.)(.)(.)(.)(.)([ \d.+-]{10})(kg |g {2}|lb )\r$/.exec(frame);
    if (!match) return { kind: 'unreadable' };
    const [, status, , , motion, , weight = '', unit = ''] = match;
    if (status === 'O') return { kind: 'overload' };
    if (status === 'U' || weight.includes('-')) return { kind: 'negative' };
    if (motion === 'M') return { kind: 'unstable' };
    if (unit === 'lb ') return { kind: 'unreadable' };
    const grams = gramsOf(weight.replace(/[ +]/g, ''), unit.trim() as 'kg' | 'g');
    return grams === null ? { kind: 'unreadable' } : { kind: 'stable', grams };
  },
};

export const SCALE_PROTOCOLS: Record<ScaleSettings['protocol'], ScaleProtocol> = { toledo_8217: TOLEDO_8217, adam: ADAM, sma: SMA };
