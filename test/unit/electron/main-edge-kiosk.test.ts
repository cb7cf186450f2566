import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The Electron edge (electron/main/index.ts) of an installed terminal whose machine policy turns
// kiosk mode on, loaded against a recording fake of `electron` typed against electron.d.ts
// (test/support/fake-electron.ts): the kiosk window, its menu, the login item, the page watchdog,
// relaunch-on-fatal, and quits the terminal asks for itself (updates) are wired as the tested kiosk
// modules expect.
const fake = await vi.hoisted(async () => {
  const { FakeElectron } = await import('../../support/fake-electron');
  const electron = new FakeElectron();
  return { electron, calls: electron.state };
});

// Loading the whole main process (and opening a real encrypted database) takes seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

vi.mock('electron', () => {
  const module = fake.electron.module();
  return { ...module, default: module };
});
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

// The kiosk host the edge hands the core: what the kiosk exit channel calls once the admin's PIN is checked
// (that path is tested in test/unit/kiosk/kiosk-exit-channel.test.ts and test/e2e/kiosk-exit.test.ts).
const core = vi.hoisted(() => ({ kiosk: null as { active(): boolean; leave(): void } | null }));
vi.mock('../../../electron/main/core/app-core', async (original) => {
  const real = await original<typeof import('../../../electron/main/core/app-core')>();
  return {
    ...real,
    createAppCore: (deps: Parameters<typeof real.createAppCore>[0]) => {
      core.kiosk = deps.kiosk ?? null;
      return real.createAppCore(deps);
    },
  };
});
const kioskHost = () => core.kiosk!;

const fatal = new Map<string, (error: unknown) => void>();
const saved = { XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME, APPIMAGE: process.env.APPIMAGE };
const platform = process.platform;
let scratch = '';
let userData = '';
const exe = '/opt/NoPOS Terminal/nopos-terminal';

beforeEach(() => {
  const dir = (scratch = mkdtempSync(path.join(tmpdir(), 'nopos-edge-kiosk-')));
  fake.electron.reset();
  userData = path.join(dir, 'data');
  fake.calls.paths = { userData, exe };
  fake.calls.appPath = dir;
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
  if (saved.XDG_CONFIG_HOME === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = saved.XDG_CONFIG_HOME;
  if (saved.APPIMAGE === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = saved.APPIMAGE;
  Object.defineProperty(process, 'platform', { value: platform });
});

/** The edge reads process.platform as it starts: a till on another OS, for this test only. */
function runAs(os: NodeJS.Platform) {
  Object.defineProperty(process, 'platform', { value: os });
}

async function loadMain() {
  vi.resetModules();
  await import('../../../electron/main/index');
  for (let i = 0; i < 100 && fake.calls.windows.length === 0 && fake.calls.exitCode === null; i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
}

const menuOf = (menu: (typeof fake.calls.menus)[number]) => JSON.stringify(menu?.template ?? null);

describe('Electron main edge with kiosk mode on', () => {
  it('opens a full-screen, frameless, unclosable window, with an editing-only menu, started at login, watched and relaunched', async () => {
    await loadMain();
    expect(fake.calls.exitCode).toBeNull();
    expect(fake.calls.windows).toHaveLength(1);
    const window = fake.calls.windows[0]!;
    expect(window.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      closable: false,
      minimizable: false,
      movable: false,
      resizable: false,
      alwaysOnTop: true,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false },
    });
    // A menu with editing keys only: nothing in it quits or closes.
    expect(fake.calls.menus).toHaveLength(1);
    expect(menuOf(fake.calls.menus[0]!)).toContain('editMenu');
    expect(menuOf(fake.calls.menus[0]!)).not.toMatch(/quit|close|reload|toggleDevTools/i);

    // Login item: an XDG autostart entry on Linux, pointing at the installed binary.
    const autostart = path.join(process.env.XDG_CONFIG_HOME!, 'autostart', 'nopos-terminal.desktop');
    expect(readFileSync(autostart, 'utf8')).toContain(`Exec="${exe}"`);
    expect(fake.calls.loginItems).toEqual([]);

    // Alt+F4 and the like: refused while kiosk mode is on.
    window.close();
    expect(window.destroyed).toBe(false);

    // Page watchdog: a crashed page reloads; a hang is watched.
    expect(window.eventNames()).toEqual(expect.arrayContaining(['unresponsive', 'responsive']));
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(window.webContents.reloads).toBe(1);

    // An uncaught error in main relaunches the terminal, counting.
    expect([...fatal.keys()].sort()).toEqual(['uncaughtException', 'unhandledRejection']);
    fatal.get('uncaughtException')!(new Error('boom'));
    expect(fake.calls.relaunches).toEqual([{ args: expect.arrayContaining(['--nopos-relaunch=1']) }]);
    expect(fake.calls.exitCode).toBe(1);
    // The uninstall marker sits beside the data.
    expect(existsSync(path.join(userData, 'unsynced-status.ini'))).toBe(true);
  });

  it('an AppImage relaunches from its file, not from its mount that goes away on exit', async () => {
    process.env.APPIMAGE = '/home/till/NoPOS-Terminal.AppImage';
    await loadMain();
    fatal.get('unhandledRejection')!(new Error('boom'));
    expect(fake.calls.relaunches).toEqual([
      { args: expect.arrayContaining(['--nopos-relaunch=1']), execPath: '/home/till/NoPOS-Terminal.AppImage' },
    ]);
  });

  it('lets app.quit() close the kiosk window (an OS shutdown, electron-updater on Windows and Linux)', async () => {
    await loadMain();
    const [window] = fake.calls.windows;
    fake.electron.app.quit();
    expect(window!.destroyed).toBe(true);
  });

  it('lets an update on macOS close the kiosk window: Squirrel closes windows before any before-quit', async () => {
    runAs('darwin');
    await loadMain();
    const [window] = fake.calls.windows;
    fake.electron.autoUpdater.quitAndInstall();
    expect(window!.destroyed).toBe(true);
    // macOS and Windows use Electron's login item (the fake used to lack it, so this start failed there).
    expect(fake.calls.loginItems).toEqual([{ openAtLogin: true, path: exe, args: [] }]);
    // …and Electron's lock-screen event, which Linux does not have (there: the D-Bus watch).
    expect(fake.electron.powerMonitor.eventNames().sort()).toEqual(['lock-screen', 'suspend']);
  });

  it('leaving kiosk mode replaces the frameless window with a framed, closable one, and gives the menu its Quit', async () => {
    runAs('darwin');
    await loadMain();
    const [kioskWindow] = fake.calls.windows;
    expect(menuOf(fake.calls.menus[0]!)).not.toContain('appMenu');
    expect(kioskHost().active()).toBe(true);
    kioskHost().leave();
    expect(kioskHost().active()).toBe(false);
    expect(kioskWindow!.destroyed).toBe(true);
    expect(fake.calls.windows).toHaveLength(2);
    const framed = fake.calls.windows[1]!;
    expect(framed.options).not.toHaveProperty('frame');
    expect(framed.options).not.toHaveProperty('kiosk');
    expect(framed.options).toMatchObject({ webPreferences: { sandbox: true, contextIsolation: true } });
    expect(framed.loaded).toEqual(['app://nopos/index.html']);
    expect(menuOf(fake.calls.menus.at(-1)!)).toContain('appMenu');
    // The new window closes like any other.
    framed.close();
    expect(framed.destroyed).toBe(true);
  });
});
