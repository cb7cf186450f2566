import { startUpdates, type StartUpdatesDeps } from './electron-updates';
import { installBlockers, type InstallBlockerSources } from './install-blockers';

// The updates area's face: signed updates by machine policy only, installed when no sale is open and
// nothing unsynced would be at risk. Built by the Electron edge (electron-updater needs Electron).

export interface UpdatesPorts extends Omit<StartUpdatesDeps, 'installBlockers'> {
  /** What may hold an install back: the outbox's pending count, the register's open sale and shift. */
  blockers: InstallBlockerSources;
}

export interface Updates {
  /** Starts checking when the policy names an update feed; false when it names none. */
  start(): boolean;
  stop(): void;
}

export function createUpdates({ blockers, ...ports }: UpdatesPorts): Updates {
  let running: ReturnType<typeof startUpdates> = null;
  return {
    start: () => (running ??= startUpdates({ ...ports, installBlockers: installBlockers(blockers) })) !== null,
    stop: () => running?.stop(),
  };
}
