/**
 * Bounds the lines a caller can make the security log write. The page can trigger refusals at will,
 * so per kind of refusal only the first few lines of each minute are written in full; the rest are
 * counted and written as one line ("412 more like this in the last minute") when the minute ends.
 * A minute with more than `floodThreshold` refusals raises an alert, at most one per `floodAlertEveryMs`
 * so that a flood lasting days adds a line an hour, not a line a minute, to the log it protects.
 */
export interface NoiseLimits {
  windowMs: number;
  /** Lines written in full per kind, per window. */
  fullLinesPerKind: number;
  /** Distinct kinds tracked per window; beyond that kinds share one bucket (attackers choose channel names). */
  maxKinds: number;
  floodThreshold: number;
  floodAlertEveryMs: number;
}

export const DEFAULT_NOISE_LIMITS: NoiseLimits = {
  windowMs: 60_000,
  fullLinesPerKind: 3,
  maxKinds: 20,
  floodThreshold: 120,
  floodAlertEveryMs: 3_600_000,
};

export interface NoiseOutput<E> {
  /** Writes one event in full. */
  write(event: E): void;
  /** Writes the count of events like `sample` left out of the window that just ended. */
  summarize(sample: E, suppressed: number, windowSeconds: number): void;
  /** A window's total crossed the flood threshold (at most once per `floodAlertEveryMs`). */
  flood(total: number, windowSeconds: number): void;
}

interface Bucket<E> {
  sample: E;
  seen: number;
}

export class NoiseAggregator<E> {
  private windowStart = 0;
  private total = 0;
  private floodRaised = false;
  private lastFloodAlertAt = Number.NEGATIVE_INFINITY;
  private readonly buckets = new Map<string, Bucket<E>>();

  constructor(
    private readonly output: NoiseOutput<E>,
    private readonly now: () => number,
    private readonly limits: NoiseLimits = DEFAULT_NOISE_LIMITS,
  ) {}

  record(event: E, kind: string, kindWhenCrowded: string): void {
    const at = this.now();
    if (at - this.windowStart >= this.limits.windowMs) this.flush(at);
    const key = this.buckets.has(kind) || this.buckets.size < this.limits.maxKinds ? kind : kindWhenCrowded;
    const bucket = this.buckets.get(key) ?? { sample: event, seen: 0 };
    this.buckets.set(key, bucket);
    bucket.seen++;
    this.total++;
    if (bucket.seen <= this.limits.fullLinesPerKind) this.output.write(event);
    if (this.total > this.limits.floodThreshold && !this.floodRaised) {
      this.floodRaised = true;
      if (at - this.lastFloodAlertAt >= this.limits.floodAlertEveryMs) {
        this.lastFloodAlertAt = at;
        this.output.flood(this.total, this.limits.windowMs / 1000);
      }
    }
  }

  /** Ends the window if its time is up, so a flood's count is written even when the flood stops. */
  tick(at = this.now()): void {
    if (at - this.windowStart >= this.limits.windowMs) this.flush(at);
  }

  /** Ends the current window: writes what it left out. Called before shutdown. */
  flush(at = this.now()): void {
    for (const bucket of this.buckets.values()) {
      const suppressed = bucket.seen - this.limits.fullLinesPerKind;
      if (suppressed > 0) this.output.summarize(bucket.sample, suppressed, this.limits.windowMs / 1000);
    }
    this.buckets.clear();
    this.total = 0;
    this.floodRaised = false;
    this.windowStart = at;
  }
}
