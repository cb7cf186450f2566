import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { isAppProtocolSender } from '../../../electron/main/ipc/sender';
import { APP_ENTRY_URL, resolveAsset } from '../../../electron/main/window/app-assets';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/window/content-security-policy';
import {
  denyPermissionCheck,
  denyPermissionRequest,
  denyWindowOpen,
  guardNavigation,
  refuseWebview,
} from '../../../electron/main/window/guards';
import { mainWindowOptions } from '../../../electron/main/window/window-options';

// The Electron edge is loaded against the typed fake of `electron` (test/support/fake-electron.ts),
// recording the order of app calls (item 4).
const edge = await vi.hoisted(async () => {
  const { FakeElectron } = await import('../../support/fake-electron');
  const order: string[] = [];
  const electron = new FakeElectron();
  electron.app.enableSandbox = () => void order.push('enableSandbox');
  // Never ready: only what runs before `ready` is under test here.
  electron.app.whenReady = () => (order.push('whenReady'), new Promise<never>(() => {}));
  return { order, electron };
});
// Item 4 imports the whole main process: seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

vi.mock('electron', () => {
  const module = edge.electron.module();
  return { ...module, default: module };
});

// Electron's security checklist (electronjs.org/docs/latest/tutorial/security), one row per item that
// applies to this shell. The detailed behaviour is tested next to each module; this table makes sure
// no item is ever silently dropped.

const root = path.resolve(import.meta.dirname, '../../..');
const prefs = mainWindowOptions('/preload.cjs', { devTools: false }).webPreferences!;
const builder = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}
const mainSources = sources(path.join(root, 'electron'))
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');
const rendererSources = sources(path.join(root, 'renderer/src'))
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

const cspDirectives: Record<string, string[]> = Object.fromEntries(
  CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]),
);

const checklist: [string, () => void | Promise<void>][] = [
  [
    '1. Only load secure content',
    () => {
      expect(APP_ENTRY_URL).toMatch(/^app:\/\/nopos\//);
      for (const sources of Object.values(cspDirectives)) for (const s of sources) expect(["'self'", "'none'", 'data:']).toContain(s);
    },
  ],
  [
    '2. No Node.js integration for remote content',
    () => {
      expect(prefs).toMatchObject({ nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false });
    },
  ],
  ['3. Context isolation', () => expect(prefs.contextIsolation).toBe(true)],
  [
    '4. Process sandboxing: per window, and for every renderer before the app is ready',
    async () => {
      expect(prefs.sandbox).toBe(true);
      await import('../../../electron/main/index');
      expect(edge.order).toEqual(['enableSandbox', 'whenReady']);
    },
  ],
  [
    '5. Handle session permission requests',
    () => {
      const callback = vi.fn();
      denyPermissionRequest(null, 'media', callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(denyPermissionCheck()).toBe(false);
    },
  ],
  ['6. Do not disable webSecurity', () => expect(prefs.webSecurity).toBe(true)],
  [
    '7. A Content Security Policy',
    () => {
      expect(cspDirectives['default-src']).toEqual(["'self'"]);
      expect(cspDirectives['script-src']).toEqual(["'self'"]);
      expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      const asset = resolveAsset('/index.html', '/srv');
      expect(asset.kind === 'file' && asset.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    },
  ],
  ['8. No allowRunningInsecureContent', () => expect(prefs.allowRunningInsecureContent).toBe(false)],
  ['9. No experimental features', () => expect(prefs.experimentalFeatures).toBe(false)],
  [
    '10. No enableBlinkFeatures',
    () => {
      expect(prefs).not.toHaveProperty('enableBlinkFeatures');
      expect(mainSources).not.toContain('enableBlinkFeatures');
    },
  ],
  [
    '11. No <webview> (so no allowpopups)',
    () => {
      expect(prefs.webviewTag).toBe(false);
      expect(rendererSources).not.toMatch(/<webview/i);
    },
  ],
  [
    '12. Verify webview options before creation: all are refused',
    () => {
      const event = { preventDefault: vi.fn() };
      refuseWebview(event);
      expect(event.preventDefault).toHaveBeenCalled();
    },
  ],
  [
    '13. Limit navigation',
    () => {
      const event = { preventDefault: vi.fn() };
      guardNavigation(event, 'https://example.com/');
      expect(event.preventDefault).toHaveBeenCalled();
    },
  ],
  ['14. Limit new windows', () => expect(denyWindowOpen()).toEqual({ action: 'deny' })],
  [
    '15. No shell.openExternal with untrusted content (none at all)',
    () => {
      expect(mainSources).not.toMatch(/openExternal|openPath/);
    },
  ],
  [
    '16. A current version of Electron',
    () => {
      const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
      expect(Number(pkg.devDependencies.electron!.split('.')[0])).toBeGreaterThanOrEqual(45);
    },
  ],
  [
    '17. Validate the sender of all IPC messages',
    () => {
      expect(isAppProtocolSender({ id: '1', url: 'app://nopos/index.html', isMainFrame: true, authenticated: true })).toBe(true);
      expect(isAppProtocolSender({ id: '1', url: 'https://evil.example/', isMainFrame: true, authenticated: true })).toBe(false);
      expect(mainSources).not.toMatch(/ipcMain\.on\(/);
    },
  ],
  [
    '18. No file:// protocol: a custom protocol',
    () => {
      expect(mainSources).not.toMatch(/loadFile\(|file:\/\//);
    },
  ],
  [
    '19. Fuses set for the packaged app',
    () => {
      expect(builder.electronFuses).toEqual({
        runAsNode: false,
        enableCookieEncryption: true,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        loadBrowserProcessSpecificV8Snapshot: false,
        grantFileProtocolExtraPrivileges: false,
      });
      expect(builder.asar).toBe(true);
    },
  ],
  [
    '20. Do not expose Electron APIs to untrusted web content',
    () => {
      const preload = readFileSync(path.join(root, 'electron/preload/index.ts'), 'utf8');
      expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
      expect(preload).toMatch(/exposeInMainWorld\(\s*'nopos',\s*buildBridge\(/);
      expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
    },
  ],
];

describe('Electron security checklist', () => {
  it.each(checklist)('%s', async (_item, check) => check());

  it('ships neither the browser host nor sources in the installer', () => {
    // What actually lands in the ASAR is checked by test/integration/packaging/package-dir.test.ts.
    expect((builder.files as string[]).filter((f) => !f.startsWith('!'))).toEqual([
      'package.json',
      'dist/main/**',
      'dist/preload/**',
      'dist/renderer/**',
    ]);
    expect(builder.files).toEqual(expect.arrayContaining(['!dist/browser-host/**', '!**/*.map', '!**/.env*']));
  });
});
