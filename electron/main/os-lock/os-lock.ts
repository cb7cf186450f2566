import type { PowerMonitor } from 'electron';
import { watchLinuxScreenLock, type LinuxLockWatch } from './linux-screen-lock';

export interface OsLockDeps {
  platform: NodeJS.Platform;
  powerMonitor: Pick<PowerMonitor, 'on'>;
  /** Signs the till out (the staff session's lock). */
  lock: () => void;
  log: (entry: Record<string, unknown>) => void;
  env: NodeJS.ProcessEnv;
  watchLinux?: typeof watchLinuxScreenLock;
}

/**
 * Walking away from a locked or sleeping PC must not leave a till signed in. Electron reports sleep
 * everywhere, but a screen lock on macOS and Windows only (powerMonitor `lock-screen` is darwin,win32
 * in electron.d.ts): Linux is watched over D-Bus.
 */
export function lockWithTheOs(deps: OsLockDeps): { stop(): void } {
  deps.powerMonitor.on('suspend', deps.lock);
  if (deps.platform === 'darwin' || deps.platform === 'win32') {
    deps.powerMonitor.on('lock-screen', deps.lock);
    return { stop: () => undefined };
  }
  const watch: LinuxLockWatch = (deps.watchLinux ?? watchLinuxScreenLock)({ onLock: deps.lock, log: deps.log, env: deps.env });
  return { stop: () => watch.stop() };
}
