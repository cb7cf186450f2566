/**
 * Tells a keyboard-wedge scanner from a person by timing alone. A scanner types a code's characters a
 * few milliseconds apart and ends with Enter; people take 80 ms or more between keys. Pure: fed keys
 * and times, it answers what the key was, so it is tested with synthetic timings and no DOM.
 */
export interface ScanDetectorOptions {
  /** Longest gap between two keys of one burst, Enter included. */
  maxGapMs: number;
  /** Longest average gap over the whole burst: scanners keep a steady few ms, people cannot. */
  maxAverageGapMs: number;
  /** Fewer characters than this is never a scan (EAN-8 is the shortest code we sell by). */
  minLength: number;
  maxLength: number;
}

// A busy page can delay a single key event by a few tens of ms, so one gap may stretch; a person
// typing 6+ keys and Enter averaging under 30 ms apart (2,000 keys a minute) does not happen.
export const DEFAULT_SCAN_OPTIONS: ScanDetectorOptions = { maxGapMs: 60, maxAverageGapMs: 30, minLength: 6, maxLength: 32 };

export type ScanVerdict =
  /** A character that may start or continue a scan. `first` marks the start of a new burst. */
  | { kind: 'char'; first: boolean }
  /** Enter closing a fast burst: `code` is what was scanned. */
  | { kind: 'scan'; code: string }
  /** Anything else: an ordinary key for whoever has focus. */
  | { kind: 'other' };

const CODE_CHAR = /^[A-Za-z0-9-]$/;
// Keys a scanner's keyboard emulation may send around a character (Shift for capitals) without breaking a burst.
const TRANSPARENT = new Set(['Shift', 'CapsLock']);

export class ScanDetector {
  private chars = '';
  private firstAt = 0;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: ScanDetectorOptions = DEFAULT_SCAN_OPTIONS) {}

  feed(key: string, at: number): ScanVerdict {
    if (TRANSPARENT.has(key)) return { kind: 'other' };
    const fast = at - this.lastAt <= this.options.maxGapMs;
    if (key === 'Enter') {
      const code = this.chars;
      // n characters and Enter make n gaps.
      const steady = (at - this.firstAt) / Math.max(1, code.length) <= this.options.maxAverageGapMs;
      this.reset();
      return fast && steady && code.length >= this.options.minLength ? { kind: 'scan', code } : { kind: 'other' };
    }
    if (!CODE_CHAR.test(key)) {
      this.reset();
      return { kind: 'other' };
    }
    const first = !fast || this.chars.length === 0 || this.chars.length >= this.options.maxLength;
    this.chars = first ? key : this.chars + key;
    if (first) this.firstAt = at;
    this.lastAt = at;
    return { kind: 'char', first };
  }

  /** Characters of the burst so far (what a focused field may have received from it). */
  get pending(): string {
    return this.chars;
  }

  reset(): void {
    this.chars = '';
    this.firstAt = 0;
    this.lastAt = Number.NEGATIVE_INFINITY;
  }
}
