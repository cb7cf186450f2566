import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

/**
 * Electron's powerMonitor has no `lock-screen` on Linux. Desktops say it over D-Bus instead: the
 * screensaver's `ActiveChanged(true)` on the session bus (GNOME, KDE and others use the same member),
 * and logind's `Lock` for this session on the system bus (`loginctl lock-session`). Both are read with
 * the desktop's own tools (dbus-monitor, gdbus), so no native D-Bus module ships with the terminal.
 */

/** Reads `dbus-monitor` output: a signal header line, then its arguments on indented lines. */
export function screensaverLockParser(): (line: string) => boolean {
  let inActiveChanged = false;
  return (line) => {
    if (/^\S/.test(line)) {
      inActiveChanged = /^signal .*member=ActiveChanged\b/.test(line) && /interface=org\.[a-z]+\.ScreenSaver\b/i.test(line);
      return false;
    }
    if (inActiveChanged && /^\s+boolean true\s*$/.test(line)) {
      inActiveChanged = false;
      return true;
    }
    return false;
  };
}

/** Reads `gdbus monitor` output from logind: this session's Lock request, or its LockedHint turning true. */
export function logindLockParser(sessionPath: string): (line: string) => boolean {
  return (line) => {
    if (!line.startsWith(`${sessionPath}: `)) return false;
    return line.includes('org.freedesktop.login1.Session.Lock ()') || /PropertiesChanged .*'LockedHint': <true>/.test(line);
  };
}

/** logind's object path for a session id (sd_bus_path_encode: anything not [A-Za-z0-9], and a leading digit, as _xx). */
export function logindSessionPath(sessionId: string): string {
  const encoded = [...sessionId]
    .map((ch, i) => (/[A-Za-z]/.test(ch) || (/\d/.test(ch) && i > 0) ? ch : `_${ch.charCodeAt(0).toString(16).padStart(2, '0')}`))
    .join('');
  return `/org/freedesktop/login1/session/${encoded}`;
}

export interface LinuxLockWatchOptions {
  onLock: () => void;
  log: (entry: Record<string, unknown>) => void;
  env: NodeJS.ProcessEnv;
  /** A watcher that stops on its own is started again after this long. */
  restartAfterMs?: number;
  /** After this many restarts of one watcher it is left stopped (no bus there: a container, a bare X). */
  maxRestarts?: number;
}

export interface LinuxLockWatch {
  /** Resolves once every watcher has connected to its bus (or given up). */
  ready: Promise<void>;
  stop(): void;
}

interface Watcher {
  name: string;
  command: string;
  args: string[];
  seen: () => (line: string) => boolean;
}

function watchers(env: NodeJS.ProcessEnv): Watcher[] {
  const list: Watcher[] = [];
  if (env.DBUS_SESSION_BUS_ADDRESS) {
    list.push({
      name: 'screensaver',
      command: 'dbus-monitor',
      args: ['--session', "type='signal',member='ActiveChanged'"],
      seen: screensaverLockParser,
    });
  }
  if (env.XDG_SESSION_ID) {
    const sessionPath = logindSessionPath(env.XDG_SESSION_ID);
    list.push({
      name: 'logind',
      command: 'gdbus',
      args: ['monitor', '--system', '--dest', 'org.freedesktop.login1', '--object-path', sessionPath],
      seen: () => logindLockParser(sessionPath),
    });
  }
  return list;
}

/**
 * Calls `onLock` whenever the desktop locks. Where a bus or tool is missing (a bare
 * X session, no screensaver) it logs so once, and the terminal's own idle auto-lock is what applies.
 */
export function watchLinuxScreenLock(options: LinuxLockWatchOptions): LinuxLockWatch {
  const { onLock, log, env, restartAfterMs = 30_000, maxRestarts = 5 } = options;
  const children = new Set<ChildProcess>();
  const restarts = new Map<string, number>();
  let stopped = false;
  const list = watchers(env);

  const start = (watcher: Watcher): Promise<void> =>
    new Promise((resolve) => {
      const child = spawn(watcher.command, watcher.args, { stdio: ['ignore', 'pipe', 'ignore'], env });
      children.add(child);
      const seen = watcher.seen();
      let unavailable = false;
      // Both tools print as soon as they are subscribed (dbus-monitor its NameAcquired, gdbus "The name … is owned by").
      readline.createInterface({ input: child.stdout }).on('line', (line) => {
        resolve();
        if (seen(line)) onLock();
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        unavailable = true;
        log({ level: 'warning', event: 'os_lock.watch_unavailable', watcher: watcher.name, code: error.code ?? 'error' });
        resolve();
      });
      child.on('exit', (code) => {
        children.delete(child);
        resolve();
        if (stopped || unavailable || code === null) return;
        const restarted = restarts.get(watcher.name) ?? 0;
        log({ level: 'warning', event: 'os_lock.watch_stopped', watcher: watcher.name, code, restarted });
        if (restarted >= maxRestarts) return;
        restarts.set(watcher.name, restarted + 1);
        setTimeout(() => {
          if (!stopped) void start(watcher);
        }, restartAfterMs).unref();
      });
    });

  const ready = Promise.all(list.map(start)).then(() => undefined);
  return {
    ready,
    stop() {
      stopped = true;
      for (const child of children) child.kill();
    },
  };
}
