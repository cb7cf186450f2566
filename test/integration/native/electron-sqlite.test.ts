import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../electron/main/storage/encrypted-database';
import { ELECTRON_NATIVE_DIR, electronBindingPath, sqliteNativeBinding } from '../../../electron/main/storage/native-binding';
import {
  bindingPlan,
  buildElectronBinding,
  electronBindingFile,
  electronTarget,
  MODULE,
  NATIVE_DIR,
} from '../../../scripts/native/electron-sqlite.mjs';
import { memoryKeychain } from '../../support/memory-keychain';

// `npm start` builds better-sqlite3 a second time for Electron's ABI and the main process loads that copy
// through `nativeBinding`. The build itself needs Electron's headers from the internet (not here): it
// is stood in for by copying the Node build where node-gyp would leave its output, so everything
// around it — the folder, what start.mjs says, the swap into place, the loading — runs for real.
const root = path.resolve(import.meta.dirname, '../../..');
const nodeBuild = path.join(root, 'node_modules', MODULE, 'build', 'Release', 'better_sqlite3.node');
const project = mkdtempSync(path.join(tmpdir(), 'nopos-native-'));
symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('better-sqlite3 for Electron (npm start)', () => {
  it('compares the ABIs and says what it does', () => {
    const electron = electronTarget(root);
    expect(electron).toEqual({ abi: expect.stringMatching(/^\d+$/), version: '45.5.0' });
    expect(bindingPlan({ nodeAbi: '115', electronAbi: electron.abi, electronVersion: '45.5.0', copyExists: false })).toEqual({
      action: 'build',
      message: `better-sqlite3: Electron 45.5.0 needs ABI ${electron.abi} (Node: 115); building a copy for it in .electron-native/abi-${electron.abi}/ (once; the Node build stays for the tests)…`,
    });
    expect(bindingPlan({ nodeAbi: '115', electronAbi: electron.abi, electronVersion: '45.5.0', copyExists: true }).action).toBe('copy');
    expect(bindingPlan({ nodeAbi: '140', electronAbi: '140', electronVersion: '45.5.0', copyExists: false }).action).toBe('default');
    // The script and the main process agree on where the copy lives.
    expect(NATIVE_DIR).toBe(ELECTRON_NATIVE_DIR);
    expect(electronBindingFile(project, electron.abi)).toBe(electronBindingPath(project, electron.abi));
  });

  it('puts a finished build in place, leaves the Node build alone, and the Electron run loads it through nativeBinding', async () => {
    const nodeBuildBefore = readdirSync(path.dirname(nodeBuild));
    const seen: unknown[] = [];
    const result = await buildElectronBinding(project, { abi: '999', version: '45.5.0' }, async (options) => {
      seen.push(options);
      const { buildPath } = options;
      // The sources were copied without the Node build.
      expect(existsSync(path.join(buildPath, 'node_modules', MODULE, 'binding.gyp'))).toBe(true);
      expect(existsSync(path.join(buildPath, 'node_modules', MODULE, 'build'))).toBe(false);
      const out = path.join(buildPath, 'node_modules', MODULE, 'build', 'Release');
      mkdirSync(out, { recursive: true });
      await copyFile(nodeBuild, path.join(out, 'better_sqlite3.node'));
    });
    expect(seen).toEqual([expect.objectContaining({ electronVersion: '45.5.0', onlyModules: [MODULE], force: true })]);
    expect(result).toEqual({ ok: true, file: electronBindingPath(project, '999') });
    expect(readdirSync(path.join(project, NATIVE_DIR))).toEqual(['abi-999']);
    expect(readdirSync(path.dirname(nodeBuild))).toEqual(nodeBuildBefore);

    // In Electron (an ABI in process.versions.electron's run), unpackaged: the copy; packaged or under Node: the default.
    const binding = sqliteNativeBinding({ electronAbi: '999', packaged: false, appPath: project });
    expect(binding).toBe(electronBindingPath(project, '999'));
    expect(sqliteNativeBinding({ electronAbi: '999', packaged: true, appPath: project })).toBeUndefined();
    expect(sqliteNativeBinding({ electronAbi: undefined, packaged: false, appPath: project })).toBeUndefined();
    expect(sqliteNativeBinding({ electronAbi: '998', packaged: false, appPath: project })).toBeUndefined();
    const db = await openEncryptedDatabase(path.join(project, 'data', 'terminal.db'), memoryKeychain(), { nativeBinding: binding! });
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('a build that fails (no headers offline) leaves nothing behind and says why', async () => {
    const result = await buildElectronBinding(project, { abi: '777', version: '45.5.0' }, () =>
      Promise.reject(new Error('Could not download https://www.electronjs.org/headers/v45.5.0/node-v45.5.0-headers.tar.gz\nstack…')),
    );
    expect(result).toEqual({
      ok: false,
      reason: 'Could not download https://www.electronjs.org/headers/v45.5.0/node-v45.5.0-headers.tar.gz',
    });
    expect(existsSync(electronBindingPath(project, '777'))).toBe(false);
    expect(existsSync(path.join(project, NATIVE_DIR, 'build'))).toBe(false);
  });

  it('a nativeBinding that is not there is refused by better-sqlite3 with its own error', async () => {
    const file = path.join(project, 'other', 'terminal.db');
    await expect(
      openEncryptedDatabase(file, memoryKeychain(), { nativeBinding: path.join(project, 'missing', 'better_sqlite3.node') }),
    ).rejects.toThrow(/Cannot find module/);
  });
});
