import type { UpdatesPolicy } from '../../../shared/domain/machine-policy';
import { startUpdates } from './electron-updates';
import { installBlockers, type InstallBlockerSources } from './install-blockers';

// The updates area's face: signed updates by machine policy only, installed when no sale is open and
// nothing unsynced would be at risk. Built by the Electron edge (electron-updater needs Electron).

export interface UpdatesPorts {
  policy: UpdatesPolicy | undefined;
  currentVersion: string;
  /** What may hold an install back: the outbox's pending count, the register's open sale and shift. */
  blockers: InstallBlockerSources;
  log: (entry: Record<string, unknown>) => void;
  now: () => Date;
}

/** Starts checking when the policy names an update feed; `stop` ends its timers. */
export function createUpdates(ports: UpdatesPorts): { start(): void; stop(): void } {
  let running: ReturnType<typeof startUpdates> = null;
  return {
    start: () => {
      running ??= startUpdates({
        policy: ports.policy, currentVersion: ports.currentVersion, installBlockers: installBlockers(ports.blockers), log: ports.log, now: ports.now,
      });
    },
    stop: () => running?.stop(),
  };
}
