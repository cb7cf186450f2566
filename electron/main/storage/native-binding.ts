import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3's compiled module is built for one ABI. `npm ci` builds it for Node (tests, the
 * browser host); a development run in Electron (`npm start`) loads a second copy built for Electron's
 * ABI by scripts/start.mjs into this folder. An installed terminal has its own, rebuilt for Electron by
 * electron-builder (`npmRebuild`), and never loads a binding from outside its package.
 */
export const ELECTRON_NATIVE_DIR = '.electron-native';

export function electronBindingPath(root: string, abi: string): string {
  return path.join(root, ELECTRON_NATIVE_DIR, `abi-${abi}`, 'better_sqlite3.node');
}

export interface BindingChoice {
  /** process.versions.modules when running in Electron (process.versions.electron set); undefined under Node. */
  electronAbi: string | undefined;
  packaged: boolean;
  /** app.getAppPath(): the project folder in a development run. */
  appPath: string;
  exists?: (file: string) => boolean;
}

/** The binding better-sqlite3 should load, or undefined for its default (Node, or an installed terminal). */
export function sqliteNativeBinding(choice: BindingChoice): string | undefined {
  if (!choice.electronAbi || choice.packaged) return undefined;
  const file = electronBindingPath(choice.appPath, choice.electronAbi);
  return (choice.exists ?? existsSync)(file) ? file : undefined;
}
