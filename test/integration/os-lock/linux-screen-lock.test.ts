import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import {
  logindLockParser,
  logindSessionPath,
  screensaverLockParser,
  watchLinuxScreenLock,
  type LinuxLockWatch,
} from '../../../electron/main/os-lock/linux-screen-lock';

// Linux has no powerMonitor `lock-screen`: the desktop's screensaver says so on the session bus. This
// runs the real watcher (dbus-monitor) on the test's own D-Bus session (scripts/with-test-keyring.sh)
// and sends the signal GNOME's screensaver sends when the screen locks.
const screensaverSignal = (active: boolean, iface = 'org.gnome.ScreenSaver', objectPath = '/org/gnome/ScreenSaver') =>
  execFileSync('dbus-send', ['--session', '--type=signal', objectPath, `${iface}.ActiveChanged`, `boolean:${active}`]);

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  for (const started = Date.now(); !check();) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let watch: LinuxLockWatch | null = null;
afterEach(() => watch?.stop());

describe('Linux screen lock over D-Bus', () => {
  it('signs the till out when the screensaver locks the screen (GNOME and freedesktop names), not when it unlocks', async () => {
    expect(process.env.DBUS_SESSION_BUS_ADDRESS, 'run under scripts/with-test-keyring.sh').toBeTruthy();
    let locks = 0;
    const log: Record<string, unknown>[] = [];
    const env = { ...process.env };
    delete env.XDG_SESSION_ID;
    watch = watchLinuxScreenLock({ onLock: () => locks++, log: (e) => log.push(e), env });
    await watch.ready;
    screensaverSignal(false);
    screensaverSignal(true);
    await until(() => locks === 1);
    screensaverSignal(true, 'org.freedesktop.ScreenSaver', '/org/freedesktop/ScreenSaver');
    await until(() => locks === 2);
    screensaverSignal(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(locks).toBe(2);
    expect(log).toEqual([]);
  });

  it('says so in the log when the tool is missing, and the terminal keeps its own auto-lock', async () => {
    const log: Record<string, unknown>[] = [];
    watch = watchLinuxScreenLock({
      onLock: () => undefined,
      log: (e) => log.push(e),
      env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent', PATH: '/nonexistent' },
    });
    await watch.ready;
    expect(log).toEqual([{ level: 'warning', event: 'os_lock.watch_unavailable', watcher: 'screensaver', code: 'ENOENT' }]);
  });

  it('reads logind: a Lock request or LockedHint for this session only', () => {
    const self = logindSessionPath('2');
    expect(self).toBe('/org/freedesktop/login1/session/_32');
    expect(logindSessionPath('c1')).toBe('/org/freedesktop/login1/session/c1');
    const seen = logindLockParser(self);
    expect(seen(`${self}: org.freedesktop.login1.Session.Lock ()`)).toBe(true);
    expect(
      seen(`${self}: org.freedesktop.DBus.Properties.PropertiesChanged ('org.freedesktop.login1.Session', {'LockedHint': <true>}, @as [])`),
    ).toBe(true);
    expect(
      seen(
        `${self}: org.freedesktop.DBus.Properties.PropertiesChanged ('org.freedesktop.login1.Session', {'LockedHint': <false>}, @as [])`,
      ),
    ).toBe(false);
    expect(seen('/org/freedesktop/login1/session/_33: org.freedesktop.login1.Session.Lock ()')).toBe(false);
  });

  it('reads dbus-monitor: ActiveChanged(true) from a screensaver interface only', () => {
    const seen = screensaverLockParser();
    const header = (iface: string) =>
      `signal time=1.0 sender=:1.5 -> destination=(null destination) serial=7 path=/x; interface=${iface}; member=ActiveChanged`;
    expect([header('org.gnome.ScreenSaver'), '   boolean true'].map(seen)).toEqual([false, true]);
    expect([header('org.example.Player'), '   boolean true'].map(seen)).toEqual([false, false]);
    expect([header('org.freedesktop.ScreenSaver'), '   boolean false'].map(seen)).toEqual([false, false]);
  });
});
