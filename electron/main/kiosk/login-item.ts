import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Settings } from 'electron';

export interface LoginItemDeps {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The installed executable (the AppImage file itself for an AppImage). */
  executable: string;
  /** Electron's app.setLoginItemSettings (Windows and macOS only: null on Linux). */
  setLoginItemSettings: ((settings: Settings) => void) | null;
}

export const AUTOSTART_FILE = 'nopos-terminal.desktop';

function autostartDir(env: NodeJS.ProcessEnv): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config'), 'autostart');
}

export function desktopEntry(executable: string): string {
  const exec = /[\s"'\\$`]/.test(executable) ? `"${executable.replace(/(["\\$`])/g, '\\$1')}"` : executable;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=NoPOS Terminal',
    `Exec=${exec}`,
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=true',
    '',
  ].join('\n');
}

/**
 * Starts the terminal at OS login (kiosk PCs) or stops doing so. Windows and macOS use Electron's
 * login item; Linux desktops read an XDG autostart entry.
 */
export function applyStartAtLogin(enabled: boolean, deps: LoginItemDeps): void {
  const executable = deps.env.APPIMAGE || deps.executable;
  if (deps.platform === 'linux') {
    const file = path.join(autostartDir(deps.env), AUTOSTART_FILE);
    if (!enabled) {
      rmSync(file, { force: true });
      return;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, desktopEntry(executable), { mode: 0o644 });
    return;
  }
  deps.setLoginItemSettings?.({ openAtLogin: enabled, path: executable, args: [] });
}
