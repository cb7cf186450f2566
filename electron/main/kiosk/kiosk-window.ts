import type { BrowserWindowConstructorOptions } from 'electron';
import type { KioskPolicy } from '../../../shared/domain/machine-policy';
import type { KioskHost } from './kiosk-exit';

export interface KioskDecision {
  active: boolean;
  startAtLogin: boolean;
}

/**
 * Kiosk mode comes from the machine policy of an installed terminal only; a developer's run is not
 * affected by a policy on the machine unless it names one explicitly (NOPOS_POLICY_FILE).
 */
export function kioskDecision(policy: KioskPolicy | undefined, run: { packaged: boolean; explicitPolicyFile: boolean }): KioskDecision {
  if (!policy || !(run.packaged || run.explicitPolicyFile)) return { active: false, startAtLogin: false };
  return { active: policy.enabled, startAtLogin: run.packaged && (policy.startAtLogin ?? policy.enabled) };
}

/** Full screen, no frame, no menu, nothing to drag, shrink or close. */
export function kioskWindowOptions(base: BrowserWindowConstructorOptions): BrowserWindowConstructorOptions {
  return {
    ...base,
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    closable: false,
    minimizable: false,
    maximizable: false,
    resizable: false,
    movable: false,
    alwaysOnTop: true,
  };
}

/** Structural slice of BrowserWindow (as electron.d.ts has it) used to keep and leave kiosk mode. */
export interface KioskWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
}

/**
 * Where a quit comes from: `before-quit` (app.quit(), and electron-updater's quitAndInstall on Windows
 * and Linux) and `before-quit-for-update` (Electron's autoUpdater on macOS closes every window first
 * and emits no `before-quit`). Electron's autoUpdater exists on macOS and Windows only.
 */
export interface QuitSignals {
  platform: NodeJS.Platform;
  app: { on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown };
  nativeUpdater: { on(event: 'before-quit-for-update', listener: () => void): unknown };
}

export interface KioskHostOptions {
  quit: QuitSignals;
  /**
   * Opens the framed, closable window that replaces the kiosk one (a window's frame cannot change
   * after it is created). Called before the kiosk window closes, so the app never has no window.
   */
  reopen: () => void;
}

/**
 * Keeps the window in kiosk mode (Alt+F4 and the like are refused) until an admin leaves it. A quit
 * the terminal asked for itself — an update installing, the OS shutting down through app.quit() — is
 * never refused: refusing it left macOS updates unapplied and had NSIS kill the app.
 */
export function kioskWindowHost(window: KioskWindow, options: KioskHostOptions): KioskHost {
  let active = true;
  let quitting = false;
  const allowQuit = () => {
    quitting = true;
  };
  options.quit.app.on('before-quit', allowQuit);
  if (options.quit.platform === 'darwin' || options.quit.platform === 'win32') {
    options.quit.nativeUpdater.on('before-quit-for-update', allowQuit);
  }
  window.on('close', (event) => {
    if (active && !quitting) event.preventDefault();
  });
  return {
    active: () => active,
    leave() {
      if (!active) return;
      active = false;
      options.reopen();
      window.close();
    },
  };
}
