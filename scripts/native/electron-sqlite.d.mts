export const MODULE: 'better-sqlite3-multiple-ciphers';
export const NATIVE_DIR: '.electron-native';
export function electronBindingFile(root: string, abi: string): string;
export function electronTarget(root: string): { abi: string; version: string };
export function bindingPlan(state: { nodeAbi: string; electronAbi: string; electronVersion: string; copyExists: boolean }): {
  action: 'default' | 'copy' | 'build';
  message: string;
};
export function prepareBuildFolder(root: string): { buildDir: string; built: string };
export function buildElectronBinding(
  root: string,
  electron: { abi: string; version: string },
  rebuild: (options: { buildPath: string; electronVersion: string; onlyModules: string[]; force: boolean; mode: string }) => Promise<void>,
): Promise<{ ok: true; file: string } | { ok: false; reason: string }>;
