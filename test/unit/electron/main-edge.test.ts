import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contract } from '../../../shared/ipc/contract';
import { listChannels } from '../../../shared/ipc/contract-kit';

// The Electron binary cannot run here, so the thin edge is loaded against a recording fake of the
// `electron` module. What it proves: the edge wires the tested guards, options and registry.
const fake = vi.hoisted(() => {
  const calls = {
    privileged: [] as unknown[],
    appEvents: new Map<string, (...args: unknown[]) => void>(),
    protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
    ipc: new Map<string, unknown>(),
    windows: [] as { options: unknown; loaded: string[] }[],
    session: { permissionRequest: undefined as unknown, permissionCheck: undefined as unknown, device: undefined as unknown },
    quit: 0,
    exitCode: null as number | null,
    errorBoxes: [] as [string, string][],
    userData: '',
    power: new Map<string, () => void>(),
  };
  let gotLock = true;
  class BrowserWindow {
    loaded: string[] = [];
    constructor(public options: unknown) {
      calls.windows.push(this);
    }
    once() {}
    on() {}
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      isPackaged: true,
      enableSandbox: () => {},
      getVersion: () => '1.2.3',
      requestSingleInstanceLock: () => gotLock,
      quit: () => void calls.quit++,
      exit: (code: number) => void (calls.exitCode = code),
      getPath: (name: string) => (name === 'userData' ? calls.userData : ''),
      on: (name: string, listener: (...args: unknown[]) => void) => calls.appEvents.set(name, listener),
      whenReady: () => Promise.resolve(),
    },
    BrowserWindow,
    powerMonitor: { on: (name: string, listener: () => void) => calls.power.set(name, listener) },
    dialog: { showErrorBox: (title: string, message: string) => calls.errorBoxes.push([title, message]) },
    ipcMain: { handle: (name: string, listener: unknown) => calls.ipc.set(name, listener) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => calls.privileged.push(...schemes),
      handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => calls.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: unknown) => (calls.session.permissionRequest = h),
        setPermissionCheckHandler: (h: unknown) => (calls.session.permissionCheck = h),
        setDevicePermissionHandler: (h: unknown) => (calls.session.device = h),
      },
    },
    webContents: { getAllWebContents: () => [] },
  };
  return { calls, electron, setLock: (value: boolean) => (gotLock = value) };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

// The OS keychain is swapped for an in-memory one here (unit test); its real behaviour is tested in integration.
const keychainControl = vi.hoisted(() => ({ unavailable: false }));
vi.mock('../../../electron/main/secrets/os-keychain', async () => {
  const { memoryKeychain } = await import('../../support/memory-keychain');
  const { KeychainUnavailableError } = await import('../../../electron/main/secrets/keychain');
  return {
    createOsKeychain: () => ({
      ...memoryKeychain(),
      probe: async () => {
        if (keychainControl.unavailable) throw new KeychainUnavailableError('linux');
      },
    }),
  };
});

async function loadMain(waitMs = 500) {
  vi.resetModules();
  await import('../../../electron/main/index');
  // start() awaits the keychain and opens the database: let it finish.
  for (let i = 0; i < waitMs / 10 && fake.calls.windows.length === 0 && fake.calls.exitCode === null && fake.calls.quit === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Electron main edge', () => {
  beforeEach(() => {
    fake.calls.privileged.length = 0;
    fake.calls.appEvents.clear();
    fake.calls.protocolHandlers.clear();
    fake.calls.ipc.clear();
    fake.calls.windows.length = 0;
    fake.calls.quit = 0;
    fake.calls.exitCode = null;
    fake.calls.errorBoxes.length = 0;
    fake.calls.userData = mkdtempSync(path.join(tmpdir(), 'nopos-edge-'));
    // A packaged start writes or removes the Linux autostart entry: never in the tester's own home.
    process.env.XDG_CONFIG_HOME = path.join(fake.calls.userData, 'config');
    keychainControl.unavailable = false;
    fake.setLock(true);
  });

  it('registers app:// as a secure standard scheme before ready', async () => {
    await loadMain();
    expect(fake.calls.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(fake.calls.protocolHandlers.has('app')).toBe(true);
  });

  it('hardens the session, every web contents, and opens one sandboxed window on app://', async () => {
    await loadMain();
    expect(fake.calls.session.permissionRequest).toBeTypeOf('function');
    expect(fake.calls.session.permissionCheck).toBeTypeOf('function');
    expect(fake.calls.appEvents.has('web-contents-created')).toBe(true);
    expect(fake.calls.windows).toHaveLength(1);
    const window = fake.calls.windows[0]!;
    expect(window.options).toMatchObject({ webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false } });
    expect(window.loaded).toEqual(['app://nopos/index.html']);
  });

  it('serves nothing outside the renderer folder over app://', async () => {
    await loadMain();
    const handler = fake.calls.protocolHandlers.get('app')!;
    expect((await handler({ url: 'app://nopos/../../package.json' })).status).toBe(404);
    expect((await handler({ url: 'app://elsewhere/index.html' })).status).toBe(404);
  });

  it('registers exactly the contract channels on ipcMain', async () => {
    await loadMain();
    expect([...fake.calls.ipc.keys()]).toEqual(listChannels(contract).map((c) => `nopos:call:${c.name}`));
  });

  it('locks the staff session when the OS locks or sleeps', async () => {
    await loadMain();
    expect([...fake.calls.power.keys()].sort()).toEqual(['lock-screen', 'suspend']);
  });

  it('opens the encrypted database in the user data folder', async () => {
    await loadMain();
    expect(existsSync(path.join(fake.calls.userData, 'terminal.db'))).toBe(true);
  });

  it('refuses to start with a clear dialog when the keychain is unavailable, creating nothing', async () => {
    keychainControl.unavailable = true;
    // It is asked again for a few seconds first (a Secret Service still starting).
    await loadMain(8_000);
    expect(fake.calls.errorBoxes).toEqual([['System keychain unavailable', expect.stringContaining('gnome-keyring')]]);
    expect(fake.calls.exitCode).toBe(1);
    expect(fake.calls.windows).toHaveLength(0);
    expect(fake.calls.ipc.size).toBe(0);
    expect(readdirSync(fake.calls.userData)).toEqual([]);
  }, 15_000);

  it('quits at once when another instance already runs', async () => {
    fake.setLock(false);
    await loadMain();
    expect(fake.calls.quit).toBe(1);
    expect(fake.calls.windows).toHaveLength(0);
  });
});
