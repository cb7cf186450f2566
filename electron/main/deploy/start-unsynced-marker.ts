import path from 'node:path';
import type { Db } from '../storage/db';
import type { Sync } from '../sync/create-sync';
import { MARKER_FILE, UnsyncedMarker } from './unsynced-marker';

export interface StartUnsyncedMarkerOptions {
  dataDir: string;
  sync: Pick<Sync, 'engine' | 'enrollment' | 'queue'>;
  db: Db;
  now: () => Date;
  log: (entry: Record<string, unknown>) => void;
  /** Also refreshed this often, for changes sync does not announce (an export, a resolved entry). */
  intervalMs?: number;
}

/**
 * Keeps `<data dir>/unsynced-status.ini` current for the uninstallers: at start, whenever sync's
 * status changes (every queued item nudges it, every delivery run reports), and once a minute.
 */
export function startUnsyncedMarker(options: StartUnsyncedMarkerOptions): { refresh: () => void; stop: () => void } {
  const { sync, db } = options;
  const lastExport = db.prepare("SELECT at FROM audit_log WHERE action = 'data.exported' ORDER BY seq DESC LIMIT 1");
  const marker = new UnsyncedMarker({
    file: path.join(options.dataDir, MARKER_FILE),
    summary: () => ({
      unsynced: sync.enrollment.unsyncedCount(),
      oldestAt: sync.queue.pendingStats().oldestCreatedAt,
      lastExportAt: (lastExport.get() as { at: string } | undefined)?.at ?? null,
    }),
    now: options.now,
    log: options.log,
  });
  const refresh = () => marker.refresh();
  refresh();
  const off = sync.engine.onChange(refresh);
  const timer = setInterval(refresh, options.intervalMs ?? 60_000);
  timer.unref();
  return {
    refresh,
    stop: () => {
      off();
      clearInterval(timer);
    },
  };
}
