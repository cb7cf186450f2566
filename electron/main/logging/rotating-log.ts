import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { redact } from './redact';

export interface RotatingLogOptions {
  dir: string;
  name: string;
  now: () => Date;
  /** Rotate when the current file would pass this size. */
  maxBytes?: number;
  /** How many rotated files to keep beside the current one. */
  keep?: number;
  /**
   * Keep rotated files by age instead (security logs, PCI DSS 10.5.1): a file goes once its newest
   * line is older than this many months. `keep` still caps the count, as a guard for the disk.
   */
  keepMonths?: () => number;
  /** Lines held in memory while the disk refuses them; past this the oldest are dropped (and counted). */
  bufferLines?: number;
  /** Told when a write fails (ENOSPC: the disk is full) and when writing works again. */
  onWriteFailed?: (error: NodeJS.ErrnoException) => void;
  onResumed?: () => void;
}

/** How writing is going: `failingSince` is set while the disk refuses lines. */
export interface LogHealth {
  failingSince: string | null;
  buffered: number;
  dropped: number;
}

/**
 * Structured JSON lines in the app's data folder. Every entry goes through `redact` on its way
 * to disk, so no caller can log a PIN, key or card number by mistake. Writes are synchronous
 * appends: these logs are small and must not lose the line written just before a crash.
 *
 * Logging never takes the terminal down: when the disk refuses a line (full, or gone), the line is
 * held in memory (a bounded buffer, oldest dropped first and counted), and every later write tries
 * the disk again, at most once a second; once it works, the held lines go first, with a note of
 * what was dropped.
 */
export class RotatingLog {
  private readonly file: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly bufferLines: number;
  private size: number;
  private held: string[] = [];
  private dropped = 0;
  private failingSince: string | null = null;
  private lastTryMs = 0;

  constructor(private readonly options: RotatingLogOptions) {
    this.file = path.join(options.dir, `${options.name}.log`);
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.keep = options.keep ?? 5;
    this.bufferLines = options.bufferLines ?? 1_000;
    let size = 0;
    try {
      mkdirSync(options.dir, { recursive: true, mode: 0o700 });
      size = existsSync(this.file) ? statSync(this.file).size : 0;
      this.pruneByAge();
    } catch (error) {
      this.failed(error);
    }
    this.size = size;
  }

  get path(): string {
    return this.file;
  }

  health(): LogHealth {
    return { failingSince: this.failingSince, buffered: this.held.length, dropped: this.dropped };
  }

  write(entry: Record<string, unknown>): void {
    this.hold(`${JSON.stringify(redact({ ts: this.options.now().toISOString(), ...entry }))}\n`);
    this.flush(false);
  }

  /** Tries the disk again now for lines held while it was refusing them (a status check asks this). */
  retry(): void {
    if (this.held.length) this.flush(true);
  }

  private hold(line: string): void {
    this.held.push(line);
    if (this.held.length > this.bufferLines) {
      this.held.shift();
      this.dropped++;
    }
  }

  private flush(force: boolean): void {
    const nowMs = this.options.now().getTime();
    if (this.failingSince && !force && nowMs - this.lastTryMs < 1_000) return;
    this.lastTryMs = nowMs;
    const wasFailing = this.failingSince !== null;
    try {
      if (wasFailing) {
        const note = {
          ts: this.options.now().toISOString(),
          level: 'warn',
          event: 'log.resumed',
          failingSince: this.failingSince,
          dropped: this.dropped,
        };
        this.held.unshift(`${JSON.stringify(note)}\n`);
      }
      const text = this.held.join('');
      const bytes = Buffer.byteLength(text);
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      appendFileSync(this.file, text, { mode: 0o600 });
      this.size += bytes;
      this.held = [];
      this.dropped = 0;
      if (wasFailing) {
        this.failingSince = null;
        this.options.onResumed?.();
      }
    } catch (error) {
      if (wasFailing) this.held.shift();
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    if (this.failingSince === null) this.failingSince = this.options.now().toISOString();
    try {
      this.options.onWriteFailed?.(error as NodeJS.ErrnoException);
    } catch {
      // A listener's own failure must not turn a refused log line into a crash either.
    }
  }

  private rotate(): void {
    const rotated = (n: number) => `${this.file}.${n}`;
    rmSync(rotated(this.keep), { force: true });
    for (let n = this.keep - 1; n >= 1; n--) if (existsSync(rotated(n))) renameSync(rotated(n), rotated(n + 1));
    renameSync(this.file, rotated(1));
    this.size = 0;
    this.pruneByAge();
  }

  /** Rotated files whose last write is older than the retention period (their newest line is, too). */
  pruneByAge(): number {
    const months = this.options.keepMonths?.();
    if (months === undefined) return 0;
    const cutoff = new Date(this.options.now());
    cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
    let removed = 0;
    for (let n = 1; n <= this.keep; n++) {
      const file = `${this.file}.${n}`;
      const stat = statSync(file, { throwIfNoEntry: false });
      if (stat && stat.mtime < cutoff) {
        rmSync(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
