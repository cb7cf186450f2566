import { accessSync, constants, openSync, closeSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * Whether this installation can update itself without a person typing admin credentials at the till.
 * Where it cannot, IT's own tooling updates it (docs/deploying.md, "Updates") and the in-app updater
 * stays off, since it would otherwise raise a UAC or pkexec prompt at the checkout every few hours.
 */
export type SelfUpdate = { allowed: true } | { allowed: false; reason: 'per_machine' | 'msi' | 'deb' | 'read_only' };

export interface SelfUpdateProbe {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The running executable (app.getPath('exe')). */
  executable: string;
  /** Whether the current user may create and replace files in this folder. */
  canWrite: (dir: string) => boolean;
  exists: (file: string) => boolean;
}

/** The NSIS uninstaller beside the executable; MSI installs have none (and electron-updater cannot update them). */
export const NSIS_UNINSTALLER = 'Uninstall NoPOS Terminal.exe';

export function selfUpdateSupport(probe: SelfUpdateProbe): SelfUpdate {
  const installDir = path.dirname(probe.executable);
  switch (probe.platform) {
    case 'win32':
      if (!probe.exists(path.join(installDir, NSIS_UNINSTALLER))) return { allowed: false, reason: 'msi' };
      // A per-machine install under Program Files: only an elevated installer may touch it.
      return probe.canWrite(installDir) ? { allowed: true } : { allowed: false, reason: 'per_machine' };
    case 'darwin': {
      // Squirrel.Mac replaces the whole bundle: its folder must be the user's to write.
      const bundle = probe.executable.slice(0, probe.executable.indexOf('.app/') + '.app'.length);
      return probe.canWrite(bundle) && probe.canWrite(path.dirname(bundle)) ? { allowed: true } : { allowed: false, reason: 'read_only' };
    }
    default: {
      // electron-updater updates an AppImage by replacing the file; a deb only through pkexec + dpkg.
      const appImage = probe.env.APPIMAGE;
      if (!appImage) return { allowed: false, reason: 'deb' };
      return probe.canWrite(path.dirname(appImage)) ? { allowed: true } : { allowed: false, reason: 'read_only' };
    }
  }
}

/**
 * POSIX permissions answer access(); Windows' access() ignores ACLs (it only sees the read-only flag),
 * so there a file is really created and removed.
 */
export function canWriteFolder(platform: NodeJS.Platform): (dir: string) => boolean {
  if (platform !== 'win32') {
    return (dir) => {
      try {
        accessSync(dir, constants.W_OK);
        return true;
      } catch {
        return false;
      }
    };
  }
  return (dir) => {
    const probe = path.join(dir, `.nopos-write-probe-${randomBytes(6).toString('hex')}`);
    try {
      closeSync(openSync(probe, 'wx'));
      rmSync(probe, { force: true });
      return true;
    } catch {
      return false;
    }
  };
}
