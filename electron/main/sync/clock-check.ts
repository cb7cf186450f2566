import { CLOCK_DRIFT_LIMIT_MS } from '../../../shared/domain/sync';
import type { ApiClient } from '../api-client/api-client';
import type { SyncState } from '../storage/sync-state';

export interface ClockReading {
  /** Device time when the answer arrived, ISO. */
  deviceAt: string;
  serverAt: string;
  /** A number that only goes up on this terminal, whatever the wall clock does. */
  monotonicSeq: number;
  /** Device minus server, corrected by half the round trip. */
  driftMs: number;
  roundTripMs: number;
}

const KEY = 'clock.last';

/**
 * Compares the device clock with the API's. Each reading keeps device time, server time and a
 * monotonic sequence, so records made while the clock was wrong can be placed afterwards.
 */
export class ClockCheck {
  constructor(
    private readonly api: ApiClient,
    private readonly state: SyncState,
    private readonly now: () => Date,
    private readonly monotonicMs: () => number = () => performance.now(),
  ) {}

  last(): ClockReading | null {
    return this.state.get<ClockReading>(KEY);
  }

  drifting(): boolean {
    const reading = this.last();
    return reading !== null && Math.abs(reading.driftMs) > CLOCK_DRIFT_LIMIT_MS;
  }

  async check(): Promise<ClockReading> {
    const sentAt = this.monotonicMs();
    const answer = await this.api.time();
    const roundTripMs = Math.max(0, Math.round(this.monotonicMs() - sentAt));
    const device = this.now();
    const reading: ClockReading = {
      deviceAt: device.toISOString(),
      serverAt: answer.now,
      monotonicSeq: (this.last()?.monotonicSeq ?? 0) + 1,
      driftMs: Math.round(device.getTime() - (answer.unixMs + roundTripMs / 2)),
      roundTripMs,
    };
    this.state.set(KEY, reading);
    return reading;
  }
}
