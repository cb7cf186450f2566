import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The Electron edge (electron/main/index.ts) of an installed terminal whose machine policy turns
// kiosk mode on, loaded against a recording fake of `electron`: the kiosk window, no menu, the login
// item, the page watchdog and relaunch-on-fatal are wired as the tested kiosk modules expect.
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  const calls = {
    windows: [] as FakeWindow[],
    menu: [] as unknown[],
    loginItems: [] as unknown[],
    relaunches: [] as unknown[],
    exitCode: null as number | null,
    userData: '',
    exe: '/opt/NoPOS Terminal/nopos-terminal',
  };
  class FakeContents {
    listeners = new Map<string, Listener>();
    reloads = 0;
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
    }
    reload() {
      this.reloads++;
    }
    forcefullyCrashRenderer() {}
  }
  class FakeWindow {
    listeners = new Map<string, Listener>();
    webContents = new FakeContents();
    kiosk = true;
    constructor(public options: Record<string, unknown>) {
      calls.windows.push(this);
    }
    once() {}
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
    }
    loadURL() {
      return Promise.resolve();
    }
    setKiosk(flag: boolean) {
      this.kiosk = flag;
    }
    setAlwaysOnTop() {}
    setClosable() {}
    setMinimizable() {}
    setResizable() {}
    setMovable() {}
  }
  const noop = () => {};
  const electron = {
    app: {
      isPackaged: true,
      enableSandbox: noop,
      getVersion: () => '1.2.3',
      requestSingleInstanceLock: () => true,
      quit: noop,
      exit: (code: number) => void (calls.exitCode = code),
      relaunch: (options: unknown) => void calls.relaunches.push(options),
      getPath: (name: string) => (name === 'userData' ? calls.userData : name === 'exe' ? calls.exe : ''),
      setLoginItemSettings: (settings: unknown) => void calls.loginItems.push(settings),
      on: noop,
      whenReady: () => Promise.resolve(),
    },
    BrowserWindow: FakeWindow,
    Menu: { setApplicationMenu: (menu: unknown) => void calls.menu.push(menu) },
    powerMonitor: { on: noop },
    dialog: { showErrorBox: noop },
    ipcMain: { handle: noop },
    protocol: { registerSchemesAsPrivileged: noop, handle: noop },
    session: { defaultSession: { setPermissionRequestHandler: noop, setPermissionCheckHandler: noop, setDevicePermissionHandler: noop } },
    webContents: { getAllWebContents: () => [] },
  };
  return { calls, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
vi.mock('../../../electron/main/secrets/os-keychain', async () => {
  const { memoryKeychain } = await import('../../support/memory-keychain');
  return { createOsKeychain: () => ({ ...memoryKeychain(), probe: async () => undefined }) };
});
// The machine policy's place (/etc/nopos-terminal/policy.json here) is a scratch file.
const policy = vi.hoisted(() => ({ file: '' }));
vi.mock('../../../electron/main/settings/policy-file', async (original) => ({
  ...(await original<typeof import('../../../electron/main/settings/policy-file')>()),
  defaultPolicyPath: () => policy.file,
}));

const fatal = new Map<string, (error: unknown) => void>();
const env = { XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
let scratch = '';

beforeEach(() => {
  const dir = (scratch = mkdtempSync(path.join(tmpdir(), 'nopos-edge-kiosk-')));
  fake.calls.userData = path.join(dir, 'data');
  policy.file = path.join(dir, 'policy.json');
  writeFileSync(policy.file, JSON.stringify({ kiosk: { enabled: true } }));
  process.env.XDG_CONFIG_HOME = path.join(dir, 'config');
  // Relaunch-on-fatal listens on the process: recorded here, never installed in the test worker.
  const on = process.on.bind(process);
  vi.spyOn(process, 'on').mockImplementation(((event: string, listener: (error: unknown) => void) => {
    if (event === 'uncaughtException' || event === 'unhandledRejection') {
      fatal.set(event, listener);
      return process;
    }
    return on(event, listener);
  }) as typeof process.on);
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(scratch, { recursive: true, force: true });
  if (env.XDG_CONFIG_HOME === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = env.XDG_CONFIG_HOME;
});

async function loadMain() {
  vi.resetModules();
  await import('../../../electron/main/index');
  for (let i = 0; i < 100 && fake.calls.windows.length === 0 && fake.calls.exitCode === null; i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('Electron main edge with kiosk mode on', () => {
  it('opens a full-screen, frameless, unclosable window, with no menu, started at login, watched and relaunched', async () => {
    await loadMain();
    expect(fake.calls.exitCode).toBeNull();
    expect(fake.calls.windows).toHaveLength(1);
    const window = fake.calls.windows[0]!;
    expect(window.options).toMatchObject({
      kiosk: true, fullscreen: true, frame: false, closable: false, minimizable: false, movable: false, resizable: false, alwaysOnTop: true,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false },
    });
    expect(fake.calls.menu).toEqual([null]);

    // Login item: an XDG autostart entry on Linux, pointing at the installed binary.
    const autostart = path.join(process.env.XDG_CONFIG_HOME!, 'autostart', 'nopos-terminal.desktop');
    expect(readFileSync(autostart, 'utf8')).toContain(`Exec="${fake.calls.exe}"`);
    expect(fake.calls.loginItems).toEqual([]);

    // Alt+F4 and the like: refused while kiosk mode is on.
    const preventDefault = vi.fn();
    window.listeners.get('close')!({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();

    // Page watchdog: a crashed page reloads; a hang is watched.
    expect([...window.listeners.keys()]).toEqual(expect.arrayContaining(['unresponsive', 'responsive']));
    window.webContents.listeners.get('render-process-gone')!({}, { reason: 'crashed' });
    expect(window.webContents.reloads).toBe(1);

    // An uncaught error in main relaunches the terminal, counting.
    expect([...fatal.keys()].sort()).toEqual(['uncaughtException', 'unhandledRejection']);
    fatal.get('uncaughtException')!(new Error('boom'));
    expect(fake.calls.relaunches).toEqual([{ args: expect.arrayContaining(['--nopos-relaunch=1']) }]);
    expect(fake.calls.exitCode).toBe(1);
    // The uninstall marker sits beside the data.
    expect(existsSync(path.join(fake.calls.userData, 'unsynced-status.ini'))).toBe(true);
  });
});
