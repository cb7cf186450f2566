import { statfsSync } from 'node:fs';
import { AppError } from '../../../shared/ipc/errors';

export const DISK_FULL_MESSAGE =
  'The disk is full, so nothing was changed: the sale is still open as it was. Free space on this computer (call IT); ' +
  'the terminal carries on by itself once there is room.';

/** The typed answer staff get for anything refused because the disk is full. */
export class DiskFullError extends AppError {
  constructor() {
    super('unavailable', DISK_FULL_MESSAGE);
    this.name = 'DiskFullError';
  }
}

/** SQLite's "database or disk is full", or the file system's ENOSPC / EDQUOT. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

export interface DiskState {
  full: boolean;
  since: string | null;
}

/** Free space below this counts as full still (a few log lines and one sale need far less). */
const ROOM_BYTES = 1024 * 1024;

/**
 * Whether the data folder's disk is full, as the terminal has found out: a write refused with
 * ENOSPC (a log line) or SQLITE_FULL (a sale) marks it full; a check of the free space, or a log
 * line landing again, clears it. Staff see it on screen while it lasts.
 */
export class DiskSpace {
  private since: string | null = null;
  private lastCheckMs = 0;

  constructor(
    private readonly dir: string,
    private readonly now: () => Date,
    private readonly freeBytes: (dir: string) => number = (d) => {
      const s = statfsSync(d);
      return s.bavail * s.bsize;
    },
  ) {}

  noteFull(): void {
    this.since ??= this.now().toISOString();
  }

  noteRoom(): void {
    this.since = null;
  }

  /** The state, re-checking the free space (at most every 2 s) while it is marked full. */
  state(): DiskState {
    const nowMs = this.now().getTime();
    if (this.since !== null && nowMs - this.lastCheckMs >= 2_000) {
      this.lastCheckMs = nowMs;
      try {
        if (this.freeBytes(this.dir) >= ROOM_BYTES) this.since = null;
      } catch {
        // Cannot tell: keep what was last known.
      }
    }
    return { full: this.since !== null, since: this.since };
  }
}
