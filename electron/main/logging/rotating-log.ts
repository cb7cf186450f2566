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
}

/**
 * Structured JSON lines in the app's data folder. Every entry goes through `redact` on its way
 * to disk, so no caller can log a PIN, key or card number by mistake. Writes are synchronous
 * appends: these logs are small and must not lose the line written just before a crash.
 */
export class RotatingLog {
  private readonly file: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private size: number;

  constructor(private readonly options: RotatingLogOptions) {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    this.file = path.join(options.dir, `${options.name}.log`);
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.keep = options.keep ?? 5;
    this.size = existsSync(this.file) ? statSync(this.file).size : 0;
    this.pruneByAge();
  }

  get path(): string {
    return this.file;
  }

  write(entry: Record<string, unknown>): void {
    const line = `${JSON.stringify(redact({ ts: this.options.now().toISOString(), ...entry }))}\n`;
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    appendFileSync(this.file, line, { mode: 0o600 });
    this.size += bytes;
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
