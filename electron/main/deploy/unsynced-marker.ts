import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A small, non-secret file beside the terminal's data that says how many items still wait to reach
 * NoPOS. The uninstallers read it (build/installer.nsh, build/linux/prerm.sh) and refuse to remove the
 * terminal while items wait, without ever opening the encrypted database. It holds counts and times
 * only, never sale data. INI, so NSIS reads it with ReadINIStr and a shell script with grep.
 */
export const MARKER_FILE = 'unsynced-status.ini';
const SECTION = 'nopos';

export interface UnsyncedSummary {
  /** Items not yet confirmed by the API, plus refused ones nobody has resolved. */
  unsynced: number;
  oldestAt: string | null;
  lastExportAt: string | null;
}

export function markerText(summary: UnsyncedSummary, updatedAt: Date): string {
  return [
    '; NoPOS Terminal: items waiting to reach NoPOS, read by the uninstaller. No sale data. Written by the terminal.',
    `[${SECTION}]`,
    `unsynced=${summary.unsynced}`,
    `oldest=${summary.oldestAt ?? ''}`,
    `last_export=${summary.lastExportAt ?? ''}`,
    `updated=${updatedAt.toISOString()}`,
    '',
  ].join('\n');
}

/** The marker as the uninstallers read it; null when there is none or it cannot be read. */
export function readUnsyncedMarker(file: string): (UnsyncedSummary & { updatedAt: string }) | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at > 0) values.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  const unsynced = Number(values.get('unsynced'));
  if (!Number.isInteger(unsynced) || unsynced < 0) return null;
  return {
    unsynced,
    oldestAt: values.get('oldest') || null,
    lastExportAt: values.get('last_export') || null,
    updatedAt: values.get('updated') ?? '',
  };
}

export interface UnsyncedMarkerDeps {
  file: string;
  summary: () => UnsyncedSummary;
  now: () => Date;
  log: (entry: Record<string, unknown>) => void;
}

/** Keeps the marker current; writes only when what it says changed, atomically (never half a file). */
export class UnsyncedMarker {
  private last: string | null = null;

  constructor(private readonly deps: UnsyncedMarkerDeps) {}

  refresh(): void {
    let summary: UnsyncedSummary;
    try {
      summary = this.deps.summary();
    } catch {
      // The storage is closing: the marker keeps what it last said.
      return;
    }
    const key = `${summary.unsynced}|${summary.oldestAt}|${summary.lastExportAt}`;
    if (key === this.last) return;
    try {
      mkdirSync(path.dirname(this.deps.file), { recursive: true });
      const tmp = `${this.deps.file}.${process.pid}.tmp`;
      writeFileSync(tmp, markerText(summary, this.deps.now()), { mode: 0o644 });
      renameSync(tmp, this.deps.file);
      this.last = key;
    } catch (error) {
      this.deps.log({ level: 'warning', event: 'unsynced_marker.write_failed', code: (error as NodeJS.ErrnoException).code ?? 'unknown' });
    }
  }
}
