import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { HEALTHY_RUN_MS, MAX_RELAUNCHES, relaunchCount, relaunchOnFatal } from '../../../electron/main/kiosk/keep-alive';
import { kioskDecision, kioskWindowHost, kioskWindowOptions } from '../../../electron/main/kiosk/kiosk-window';
import { applyStartAtLogin, AUTOSTART_FILE } from '../../../electron/main/kiosk/login-item';
import { watchPage } from '../../../electron/main/kiosk/page-watchdog';
import { applicationMenuTemplate } from '../../../electron/main/window/app-menu';
import { mainWindowOptions } from '../../../electron/main/window/window-options';
import { tempDir } from '../../support/storage';

const scratch = tempDir('kiosk');
afterAll(() => scratch.cleanup());

describe('kiosk decision', () => {
  it('follows the policy of an installed terminal; a development run ignores the machine policy', () => {
    expect(kioskDecision({ enabled: true }, { packaged: true, explicitPolicyFile: false })).toEqual({ active: true, startAtLogin: true });
    expect(kioskDecision({ enabled: true, startAtLogin: false }, { packaged: true, explicitPolicyFile: false })).toEqual({
      active: true,
      startAtLogin: false,
    });
    expect(kioskDecision({ enabled: false }, { packaged: true, explicitPolicyFile: false })).toEqual({
      active: false,
      startAtLogin: false,
    });
    expect(kioskDecision(undefined, { packaged: true, explicitPolicyFile: false }).active).toBe(false);
    expect(kioskDecision({ enabled: true }, { packaged: false, explicitPolicyFile: false }).active).toBe(false);
    // A developer can try it with an explicit NOPOS_POLICY_FILE, without touching their login items.
    expect(kioskDecision({ enabled: true }, { packaged: false, explicitPolicyFile: true })).toEqual({ active: true, startAtLogin: false });
  });
});

describe('kiosk window', () => {
  it('is full screen without chrome, keeping every web preference of the normal window', () => {
    const base = mainWindowOptions('/p.cjs', { devTools: false });
    const options = kioskWindowOptions(base);
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, closable: false, minimizable: false, movable: false });
    expect(options.webPreferences).toEqual(base.webPreferences);
  });

  function kioskSetup(platform: NodeJS.Platform) {
    const app = new EventEmitter();
    const nativeUpdater = new EventEmitter();
    const window = Object.assign(new EventEmitter(), { closed: 0, close: () => void window.closed++ });
    const reopened: string[] = [];
    const host = kioskWindowHost(window, { quit: { platform, app, nativeUpdater }, reopen: () => reopened.push('framed') });
    const tryClose = () => {
      const preventDefault = vi.fn();
      window.emit('close', { preventDefault });
      return preventDefault.mock.calls.length === 0;
    };
    return { app, nativeUpdater, window, host, reopened, tryClose };
  }

  it('refuses to close until an admin leaves kiosk mode, then opens a framed window before closing the kiosk one', () => {
    const { host, reopened, window, tryClose } = kioskSetup('win32');
    expect(tryClose()).toBe(false);
    host.leave();
    expect(host.active()).toBe(false);
    expect(reopened).toEqual(['framed']);
    expect(window.closed).toBe(1);
    expect(tryClose()).toBe(true);
    host.leave();
    expect(reopened).toEqual(['framed']);
  });

  it('never refuses a quit the terminal asked for: app.quit(), or an update closing windows first on macOS and Windows', () => {
    const quit = kioskSetup('linux');
    quit.app.emit('before-quit');
    expect(quit.tryClose()).toBe(true);
    for (const platform of ['darwin', 'win32'] as const) {
      const update = kioskSetup(platform);
      update.nativeUpdater.emit('before-quit-for-update');
      expect(update.tryClose()).toBe(true);
      expect(update.host.active()).toBe(true);
    }
    // Electron's autoUpdater is not there on Linux (electron.d.ts: darwin, win32): nothing listens to it.
    expect(kioskSetup('linux').nativeUpdater.listenerCount('before-quit-for-update')).toBe(0);
  });
});

describe('application menu', () => {
  const roles = (items: ReturnType<typeof applicationMenuTemplate>): string[] =>
    items.flatMap((item) => [
      item.role ?? item.label ?? '',
      ...(Array.isArray(item.submenu) ? item.submenu.map((sub) => sub.role ?? '') : []),
    ]);

  it('keeps copy, paste, cut and undo everywhere, and Quit outside kiosk mode (Cmd+Q on macOS)', () => {
    expect(roles(applicationMenuTemplate('darwin', { kiosk: false }))).toEqual(['appMenu', 'editMenu']);
    expect(roles(applicationMenuTemplate('win32', { kiosk: false }))).toEqual(['File', 'quit', 'editMenu']);
    // Reload and developer tools only in a development run.
    expect(roles(applicationMenuTemplate('linux', { kiosk: false, developer: true }))).toEqual(['File', 'quit', 'editMenu', 'viewMenu']);
  });

  it('in kiosk mode offers nothing that quits, closes, reloads or opens developer tools', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const all = roles(applicationMenuTemplate(platform, { kiosk: true, developer: true }));
      expect(all).toContain('editMenu');
      expect(all.filter((role) => /quit|close|appMenu|fileMenu|windowMenu|viewMenu|reload|toggleDevTools/.test(role))).toEqual([]);
    }
  });
});

describe('page watchdog', () => {
  function setup() {
    const listeners = new Map<string, (...args: never[]) => void>();
    const timers: (() => void)[] = [];
    const contents = {
      reload: vi.fn(),
      forcefullyCrashRenderer: vi.fn(),
      on: (e: string, l: (...args: never[]) => void) => listeners.set(e, l),
    };
    const window = { on: (e: string, l: () => void) => listeners.set(e, l) };
    const log: Record<string, unknown>[] = [];
    let now = 0;
    watchPage(window, contents, {
      log: (e) => log.push(e),
      now: () => now,
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => timers.pop(),
    });
    const fire = (event: string, ...args: unknown[]) => (listeners.get(event) as (...a: unknown[]) => void)(...args);
    return { contents, fire, timers, log, advance: (ms: number) => (now += ms) };
  }

  it('reloads a crashed page, but not one that exited cleanly', () => {
    const { contents, fire } = setup();
    fire('render-process-gone', {}, { reason: 'crashed' });
    fire('render-process-gone', {}, { reason: 'clean-exit' });
    expect(contents.reload).toHaveBeenCalledTimes(1);
  });

  it('crashes a page that stays hung (then reloads it), and forgives one that recovers', () => {
    const { contents, fire, timers } = setup();
    fire('unresponsive');
    fire('responsive');
    expect(timers).toHaveLength(0);
    fire('unresponsive');
    timers.shift()!();
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
  });

  it('stops reloading a page that keeps crashing', () => {
    const { contents, fire, log, advance } = setup();
    for (let i = 0; i < 8; i++) fire('render-process-gone', {}, { reason: 'oom' });
    expect(contents.reload).toHaveBeenCalledTimes(5);
    expect(log.at(-1)).toMatchObject({ event: 'page.reload_gave_up' });
    advance(6 * 60_000);
    fire('render-process-gone', {}, { reason: 'oom' });
    expect(contents.reload).toHaveBeenCalledTimes(6);
  });
});

describe('start at login', () => {
  it('writes and removes an XDG autostart entry on Linux', () => {
    const env = { XDG_CONFIG_HOME: path.join(scratch.dir, 'config') };
    const file = path.join(env.XDG_CONFIG_HOME, 'autostart', AUTOSTART_FILE);
    const setLoginItemSettings = vi.fn();
    applyStartAtLogin(true, { platform: 'linux', env, executable: '/opt/NoPOS Terminal/nopos-terminal', setLoginItemSettings });
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/NoPOS Terminal/nopos-terminal"');
    applyStartAtLogin(false, { platform: 'linux', env, executable: '/opt/x', setLoginItemSettings });
    expect(existsSync(file)).toBe(false);
    expect(setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('uses the login item on Windows and macOS, with the AppImage path when there is one', () => {
    const setLoginItemSettings = vi.fn();
    applyStartAtLogin(true, {
      platform: 'win32',
      env: {},
      executable: 'C:\\Program Files\\NoPOS Terminal\\NoPOS Terminal.exe',
      setLoginItemSettings,
    });
    expect(setLoginItemSettings).toHaveBeenCalledWith({
      openAtLogin: true,
      path: 'C:\\Program Files\\NoPOS Terminal\\NoPOS Terminal.exe',
      args: [],
    });
  });
});

describe('fatal main-process errors', () => {
  it('relaunch the terminal a few times, then stay down', () => {
    const handlers = new Map<string, (e: unknown) => void>();
    const app = { relaunch: vi.fn(), exit: vi.fn() };
    const clock = { now: () => 0 };
    relaunchOnFatal({ on: (e, l) => handlers.set(e, l) }, app, ['/opt/nopos', '--nopos-relaunch=1'], {
      log: () => undefined,
      now: clock.now,
    });
    handlers.get('uncaughtException')!(new Error('boom'));
    expect(app.relaunch).toHaveBeenCalledWith({ args: ['--nopos-relaunch=2'] });
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(relaunchCount(['x', `--nopos-relaunch=${MAX_RELAUNCHES}`])).toBe(MAX_RELAUNCHES);
    const last = { relaunch: vi.fn(), exit: vi.fn() };
    const log = vi.fn();
    relaunchOnFatal({ on: (e, l) => handlers.set(e, l) }, last, ['x', `--nopos-relaunch=${MAX_RELAUNCHES}`], { log, now: clock.now });
    handlers.get('unhandledRejection')!(new Error('again'));
    expect(last.relaunch).not.toHaveBeenCalled();
    expect(last.exit).toHaveBeenCalledWith(1);
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ event: 'main.relaunch_gave_up' }));
  });

  it('start counting again after a healthy run, so crashes days apart never keep the terminal down', () => {
    let t = 1_000_000;
    const now = () => t;
    const handlers = new Map<string, (e: unknown) => void>();
    const on = (e: string, l: (e: unknown) => void) => handlers.set(e, l);
    // The third relaunch in a row: one minute short of healthy, a crash now would be the last straw.
    const early = { relaunch: vi.fn(), exit: vi.fn() };
    relaunchOnFatal({ on }, early, ['x', `--nopos-relaunch=${MAX_RELAUNCHES}`], {
      log: () => undefined,
      now,
      healthyAfterMs: HEALTHY_RUN_MS,
    });
    t += HEALTHY_RUN_MS - 60_000;
    handlers.get('uncaughtException')!(new Error('boom'));
    expect(early.relaunch).not.toHaveBeenCalled();
    // The same start, up for the healthy period: the crash counts as the first of a new series.
    const late = { relaunch: vi.fn(), exit: vi.fn() };
    const log = vi.fn();
    relaunchOnFatal({ on }, late, ['x', '--kiosk-arg', `--nopos-relaunch=${MAX_RELAUNCHES}`], { log, now });
    t += HEALTHY_RUN_MS;
    handlers.get('unhandledRejection')!(new Error('days later'));
    expect(late.relaunch).toHaveBeenCalledWith({ args: ['--kiosk-arg', '--nopos-relaunch=1'] });
    expect(late.exit).toHaveBeenCalledWith(1);
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ event: 'main.fatal', relaunches: 0, countReset: true }));
  });
});
