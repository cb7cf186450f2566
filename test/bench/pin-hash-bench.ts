import { DEFAULT_PIN_COST, PinHasher } from '../../electron/main/staff/pin-hasher';
import { elapsedMs, median, type BenchSection } from './bench-kit';

/** The PIN hash must be slow for guessing yet quick at the till: about 50–100 ms on this machine. */
export const pinHashSection: BenchSection = {
  name: 'pinHash',
  async run() {
    const hasher = new PinHasher('bench-pepper', DEFAULT_PIN_COST);
    await hasher.hash('482913'); // starts the hashing thread: the till pays that once, not per PIN
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = process.hrtime.bigint();
      await hasher.hash('482913');
      times.push(elapsedMs(start));
    }
    const ms = median(times);
    return { pinHash: { cost: DEFAULT_PIN_COST, medianMs: Math.round(ms), targetMs: [50, 100], withinTarget: ms >= 50 && ms <= 100 } };
  },
};
