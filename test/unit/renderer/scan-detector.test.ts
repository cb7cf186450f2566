import { describe, expect, it } from 'vitest';
import { ScanDetector, type ScanVerdict } from '../../../renderer/src/scanner/scan-detector';

/** Feeds keys `gapMs` apart starting at `start`; returns the verdicts. */
function type(detector: ScanDetector, keys: string[], gapMs: number | number[], start = 1_000): ScanVerdict[] {
  let at = start;
  return keys.map((key, i) => {
    if (i > 0) at += Array.isArray(gapMs) ? gapMs[i - 1]! : gapMs;
    return detector.feed(key, at);
  });
}

const chars = (code: string) => [...code];
const last = (verdicts: ScanVerdict[]) => verdicts.at(-1);

describe('keyboard-wedge scan detection', () => {
  it('recognises an EAN-13 typed 5 ms apart and ended by Enter', () => {
    expect(last(type(new ScanDetector(), [...chars('4006381333931'), 'Enter'], 5))).toEqual({ kind: 'scan', code: '4006381333931' });
  });

  it('leaves a person typing the same digits alone (120 ms apart)', () => {
    const verdicts = type(new ScanDetector(), [...chars('4006381333931'), 'Enter'], 120);
    expect(last(verdicts)).toEqual({ kind: 'other' });
    // Every character starts a burst of its own: nothing is ever held back from the field.
    expect(verdicts.slice(0, -1).every((v) => v.kind === 'char' && v.first)).toBe(true);
  });

  it('needs the minimum length: a fast short burst is typing', () => {
    expect(last(type(new ScanDetector(), [...chars('12345'), 'Enter'], 5))).toEqual({ kind: 'other' });
    expect(last(type(new ScanDetector(), [...chars('123456'), 'Enter'], 5))).toEqual({ kind: 'scan', code: '123456' });
  });

  it('refuses a burst with one slow gap inside it: only what came after the gap counts', () => {
    // "123" by hand, then a pause, then a real scan of 8 digits.
    const verdicts = type(new ScanDetector(), [...chars('123'), ...chars('96385074'), 'Enter'], [150, 150, 400, 4, 4, 4, 4, 4, 4, 4, 4]);
    expect(last(verdicts)).toEqual({ kind: 'scan', code: '96385074' });
    expect(verdicts[3]).toEqual({ kind: 'char', first: true });
  });

  it('refuses when Enter itself comes late (a person pressing Enter after a pasted-fast code)', () => {
    expect(last(type(new ScanDetector(), [...chars('96385074'), 'Enter'], [4, 4, 4, 4, 4, 4, 4, 300]))).toEqual({ kind: 'other' });
  });

  it('takes receipt numbers with letters, dashes and Shift for capitals', () => {
    const keys = ['Shift', 'T', 'Shift', 'I', 'Shift', 'L', 'Shift', 'L', '-', '1', '-', '0', '0', '0', '0', '4', '2', 'Enter'];
    expect(last(type(new ScanDetector(), keys, 3))).toEqual({ kind: 'scan', code: 'TILL-1-000042' });
  });

  it('drops a burst broken by a key no code contains', () => {
    expect(last(type(new ScanDetector(), [...chars('1234'), ' ', ...chars('5678'), 'Enter'], 5))).toEqual({ kind: 'other' });
    expect(last(type(new ScanDetector(), [...chars('1234'), 'Backspace', ...chars('567890'), 'Enter'], 5))).toEqual({
      kind: 'scan',
      code: '567890',
    });
  });

  it('starts afresh after each scan and after the maximum length', () => {
    const detector = new ScanDetector({ maxGapMs: 40, maxAverageGapMs: 30, minLength: 6, maxLength: 8 });
    expect(last(type(detector, [...chars('11111111'), 'Enter'], 5, 0))).toEqual({ kind: 'scan', code: '11111111' });
    expect(last(type(detector, [...chars('22222222'), 'Enter'], 5, 45))).toEqual({ kind: 'scan', code: '22222222' });
    expect(last(type(detector, [...chars('3333333344'), 'Enter'], 5, 500))).toEqual({ kind: 'other' });
    expect(detector.pending).toBe('');
  });

  it('honours the configured gap at its edge', () => {
    const detector = new ScanDetector({ maxGapMs: 30, maxAverageGapMs: 30, minLength: 6, maxLength: 32 });
    expect(last(type(detector, [...chars('123456'), 'Enter'], 30))).toEqual({ kind: 'scan', code: '123456' });
    expect(last(type(detector, [...chars('123456'), 'Enter'], 31, 10_000))).toEqual({ kind: 'other' });
  });

  it('forgives one key delayed by a busy page, but not a steady fast typist', () => {
    // A scan whose fourth key the page handled 55 ms late: still a scan.
    expect(last(type(new ScanDetector(), [...chars('96385074'), 'Enter'], [5, 5, 55, 5, 5, 5, 5, 5]))).toEqual({
      kind: 'scan',
      code: '96385074',
    });
    // Someone drumming digits 45 ms apart (already superhuman) stays typing: the average is too slow.
    expect(last(type(new ScanDetector(), [...chars('96385074'), 'Enter'], 45))).toEqual({ kind: 'other' });
  });
});
