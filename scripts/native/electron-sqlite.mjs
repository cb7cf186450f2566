// `npm start` in Electron needs better-sqlite3 built for Electron's ABI; `npm ci` built it for Node's,
// which the tests and the browser host keep using. A second copy goes to .electron-native/abi-<abi>/,
// which electron/main/storage/native-binding.ts loads through better-sqlite3's `nativeBinding` option
// in a development run in Electron only (an installed terminal is rebuilt by electron-builder).
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const MODULE = 'better-sqlite3-multiple-ciphers';
export const NATIVE_DIR = '.electron-native';

export function electronBindingFile(root, abi) {
  return path.join(root, NATIVE_DIR, `abi-${abi}`, 'better_sqlite3.node');
}

/** Electron's ABI (NODE_MODULE_VERSION) and version, from the installed electron package. */
export function electronTarget(root) {
  const dir = path.join(root, 'node_modules', 'electron');
  return {
    abi: readFileSync(path.join(dir, 'abi_version'), 'utf8').trim(),
    version: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version,
  };
}

/**
 * What `npm start` does about the SQLite module before starting Electron, and the line it prints.
 * @param {{ nodeAbi: string, electronAbi: string, electronVersion: string, copyExists: boolean }} state
 */
export function bindingPlan({ nodeAbi, electronAbi, electronVersion, copyExists }) {
  const where = `${NATIVE_DIR}/abi-${electronAbi}/`;
  if (nodeAbi === electronAbi) {
    return {
      action: 'default',
      message: `better-sqlite3: Node and Electron ${electronVersion} share ABI ${nodeAbi}, one build serves both.`,
    };
  }
  if (copyExists) {
    return {
      action: 'copy',
      message: `better-sqlite3: Electron ${electronVersion} needs ABI ${electronAbi} (Node: ${nodeAbi}); using its build in ${where}.`,
    };
  }
  return {
    action: 'build',
    message: `better-sqlite3: Electron ${electronVersion} needs ABI ${electronAbi} (Node: ${nodeAbi}); building a copy for it in ${where} (once; the Node build stays for the tests)…`,
  };
}

/** A folder electron-rebuild can work in: a package.json naming the module, and a copy of its sources. */
export function prepareBuildFolder(root) {
  const buildDir = path.join(root, NATIVE_DIR, 'build');
  const source = path.join(root, 'node_modules', MODULE);
  const target = path.join(buildDir, 'node_modules', MODULE);
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const version = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8')).version;
  writeFileSync(
    path.join(buildDir, 'package.json'),
    JSON.stringify({ name: 'nopos-electron-native', private: true, dependencies: { [MODULE]: version } }, null, 2),
  );
  // The Node build is left behind: it is what the copy must not be.
  cpSync(source, target, { recursive: true, filter: (file) => !file.startsWith(path.join(source, 'build')) });
  return { buildDir, built: path.join(target, 'build', 'Release', 'better_sqlite3.node') };
}

/**
 * Builds the Electron copy with @electron/rebuild (needs Electron's headers from the internet).
 * Only a finished build is put in place: a failed one leaves no binding behind.
 * @param {string} root
 * @param {{ abi: string, version: string }} electron
 * @param {(options: object) => Promise<void>} rebuild @electron/rebuild's rebuild(), or a test's stand-in
 */
export async function buildElectronBinding(root, electron, rebuild) {
  const { buildDir, built } = prepareBuildFolder(root);
  try {
    await rebuild({ buildPath: buildDir, electronVersion: electron.version, onlyModules: [MODULE], force: true, mode: 'sequential' });
    if (!existsSync(built)) throw new Error(`the build produced no ${path.basename(built)}`);
    const file = electronBindingFile(root, electron.abi);
    mkdirSync(path.dirname(file), { recursive: true });
    copyFileSync(built, `${file}.partial`);
    renameSync(`${file}.partial`, file);
    return { ok: true, file };
  } catch (error) {
    return {
      ok: false,
      reason: String(error?.message ?? error)
        .split('\n')[0]
        .slice(0, 300),
    };
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
}
