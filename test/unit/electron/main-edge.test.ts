import { beforeEach, describe, expect, it, vi } from 'vitest';

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
      getVersion: () => '1.2.3',
      requestSingleInstanceLock: () => gotLock,
      quit: () => void calls.quit++,
      exit: () => {},
      on: (name: string, listener: (...args: unknown[]) => void) => calls.appEvents.set(name, listener),
      whenReady: () => Promise.resolve(),
    },
    BrowserWindow,
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

async function loadMain() {
  vi.resetModules();
  await import('../../../electron/main/index');
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('Electron main edge', () => {
  beforeEach(() => {
    fake.calls.privileged.length = 0;
    fake.calls.appEvents.clear();
    fake.calls.protocolHandlers.clear();
    fake.calls.ipc.clear();
    fake.calls.windows.length = 0;
    fake.calls.quit = 0;
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
    expect([...fake.calls.ipc.keys()]).toEqual(['nopos:call:app.getStatus']);
  });

  it('quits at once when another instance already runs', async () => {
    fake.setLock(false);
    await loadMain();
    expect(fake.calls.quit).toBe(1);
    expect(fake.calls.windows).toHaveLength(0);
  });
});
