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

/** Structural slice of BrowserWindow used to leave kiosk mode. */
export interface KioskWindow {
  setKiosk(flag: boolean): void;
  setAlwaysOnTop(flag: boolean): void;
  setClosable(flag: boolean): void;
  setMinimizable(flag: boolean): void;
  setResizable(flag: boolean): void;
  setMovable(flag: boolean): void;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
}

/** Keeps the window in kiosk mode (Alt+F4 and the like are refused) until an admin leaves it. */
export function kioskWindowHost(window: KioskWindow): KioskHost {
  let active = true;
  window.on('close', (event) => {
    if (active) event.preventDefault();
  });
  return {
    active: () => active,
    leave() {
      active = false;
      window.setKiosk(false);
      window.setAlwaysOnTop(false);
      window.setClosable(true);
      window.setMinimizable(true);
      window.setResizable(true);
      window.setMovable(true);
    },
  };
}
