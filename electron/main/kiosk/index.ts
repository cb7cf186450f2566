import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import { KioskExit, type KioskExitDeps } from './kiosk-exit';
import { createKioskHandlers } from './kiosk-handlers';

// The kiosk area's face: whether the window is locked to the app, and a manager's PIN to leave it.
// The window, login item and watchdog (kiosk-window.ts, login-item.ts, page-watchdog.ts) are Electron's
// edge and are wired by electron/main/index.ts.
export type { KioskHost } from './kiosk-exit';

export interface Kiosk {
  exit: KioskExit;
  handlers: Pick<Handlers<NoposContract>, 'kiosk'>;
}

export function createKiosk(ports: KioskExitDeps): Kiosk {
  const exit = new KioskExit(ports);
  return { exit, handlers: { kiosk: createKioskHandlers(exit) } };
}
