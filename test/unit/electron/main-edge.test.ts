import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contract } from '../../../shared/ipc/contract';
import { listChannels } from '../../../shared/ipc/contract-kit';
import { loadError } from '../../support/fake-electron';

// The Electron binary cannot run here, so the thin edge is loaded against a recording fake of the
// `electron` module typed against electron.d.ts (test/support/fake-electron.ts). What it proves: the edge
// wires the tested guards, options and registry, and stops in the right order.
const fake = await vi.hoisted(async () => {
  const { FakeElectron } = await import('../../support/fake-electron');
  const electron = new FakeElectron();
  return { electron, calls: electron.state, reset: () => electron.reset() };
});

// Loading the whole main process (and opening a real encrypted database) takes seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

vi.mock('electron', () => {
  const module = fake.electron.module();
  return { ...module, default: module };
});

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

// What the shutdown closes, in order: recorded around the real sync and storage.
const closed = vi.hoisted(() => [] as string[]);
vi.mock('../../../electron/main/core/terminal-sync', async (original) => {
  const real = await original<typeof import('../../../electron/main/core/terminal-sync')>();
  return {
    ...real,
    createTerminalSync: (...args: Parameters<typeof real.createTerminalSync>) => {
      const sync = real.createTerminalSync(...args);
      const close = sync.close;
      return { ...sync, close: () => (closed.push('sync'), close()) };
    },
  };
});
vi.mock('../../../electron/main/core/terminal-storage', async (original) => {
  const real = await original<typeof import('../../../electron/main/core/terminal-storage')>();
  return {
    ...real,
    openTerminalStorage: async (...args: Parameters<typeof real.openTerminalStorage>) => {
      const storage = await real.openTerminalStorage(...args);
      const { close } = storage;
      const flush = storage.securityLog.flush.bind(storage.securityLog);
      storage.securityLog.flush = () => (closed.push('logs'), flush());
      storage.close = () => (closed.push('storage'), close());
      return storage;
    },
  };
});

async function loadMain(waitMs = 500) {
  vi.resetModules();
  await import('../../../electron/main/index');
  // start() awaits the keychain and opens the database: let it finish.
  for (let i = 0; i < waitMs / 10 && fake.calls.windows.length === 0 && fake.calls.exitCode === null && fake.calls.quitCalls === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Electron main edge', () => {
  let userData = '';
  beforeEach(() => {
    fake.reset();
    userData = mkdtempSync(path.join(tmpdir(), 'nopos-edge-'));
    fake.calls.paths = { userData, exe: path.join(userData, 'nopos-terminal') };
    fake.calls.appPath = userData;
    // A packaged start writes or removes the Linux autostart entry: never in the tester's own home.
    process.env.XDG_CONFIG_HOME = path.join(userData, 'config');
    keychainControl.unavailable = false;
    closed.length = 0;
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
    expect(fake.electron.app.listenerCount('web-contents-created')).toBe(1);
    expect(fake.calls.windows).toHaveLength(1);
    const window = fake.calls.windows[0]!;
    expect(window.options).toMatchObject({
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false },
    });
    expect(window.loaded).toEqual(['app://nopos/index.html']);
  });

  it('serves nothing outside the renderer folder over app://', async () => {
    await loadMain();
    const handler = fake.calls.protocolHandlers.get('app')!;
    // Only `url` is read; Node's Request would normalise the `..` away before the handler saw it.
    const request = (url: string) => ({ url }) as GlobalRequest;
    expect((await handler(request('app://nopos/../../package.json'))).status).toBe(404);
    expect((await handler(request('app://elsewhere/index.html'))).status).toBe(404);
  });

  it('registers exactly the contract channels on ipcMain', async () => {
    await loadMain();
    expect([...fake.calls.ipc.keys()]).toEqual(listChannels(contract).map((c) => `nopos:call:${c.name}`));
  });

  it('locks the staff session when the OS sleeps, and when it locks where Electron reports that (macOS, Windows)', async () => {
    await loadMain();
    const events = fake.electron.powerMonitor.eventNames().sort();
    expect(events).toEqual(process.platform === 'linux' ? ['suspend'] : ['lock-screen', 'suspend']);
  });

  it('opens the encrypted database in the user data folder', async () => {
    await loadMain();
    expect(existsSync(path.join(userData, 'terminal.db'))).toBe(true);
  });

  it('stops in one order on quit: sync, then logs, then the database', async () => {
    await loadMain();
    fake.electron.app.quit();
    // (Closing the database flushes the security log once more: harmless, and after the logs step.)
    const firsts = closed.filter((step, i) => closed.indexOf(step) === i);
    expect(firsts).toEqual(['sync', 'logs', 'storage']);
    // A second will-quit (Electron emits it again after a cancelled quit) closes nothing twice.
    const count = closed.length;
    fake.electron.app.emit('will-quit', { preventDefault: () => undefined });
    expect(closed).toHaveLength(count);
  });

  it('keeps the keyboard menu (edit roles, quit) instead of none', async () => {
    await loadMain();
    const [menu] = fake.calls.menus;
    expect(menu?.template.map((item) => ('role' in item && item.role) || ('label' in item && item.label))).toContain('editMenu');
  });

  it('retries a first page load that fails, then shows a local error page, with nothing left unhandled', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      fake.calls.loadAnswers.push(
        loadError('ERR_FAILED', -2),
        loadError('ERR_ABORTED', -3),
        loadError('ERR_FAILED', -2),
        loadError('ERR_FAILED', -2),
      );
      const loading = loadMain();
      await vi.advanceTimersByTimeAsync(1_000);
      await loading;
      await vi.advanceTimersByTimeAsync(15_000);
      const [window] = fake.calls.windows;
      expect(window!.loaded.slice(0, 4)).toEqual(Array(4).fill('app://nopos/index.html'));
      expect(window!.loaded[4]).toMatch(/^data:text\/html;charset=utf-8,.*could%20not%20open/);
      // It keeps trying; the next try loads.
      await vi.advanceTimersByTimeAsync(30_000);
      expect(window!.loaded.at(-1)).toBe('app://nopos/index.html');
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses to start with a clear dialog when the keychain is unavailable, creating nothing', async () => {
    keychainControl.unavailable = true;
    // It is asked again for a few seconds first (a Secret Service still starting).
    await loadMain(8_000);
    expect(fake.calls.errorBoxes).toEqual([['System keychain unavailable', expect.stringContaining('gnome-keyring')]]);
    expect(fake.calls.exitCode).toBe(1);
    expect(fake.calls.windows).toHaveLength(0);
    expect(fake.calls.ipc.size).toBe(0);
    expect(readdirSync(userData)).toEqual([]);
  }, 15_000);

  it('quits at once when another instance already runs', async () => {
    fake.calls.singleInstanceLock = false;
    await loadMain();
    expect(fake.calls.quitCalls).toBe(1);
    expect(fake.calls.windows).toHaveLength(0);
  });
});
